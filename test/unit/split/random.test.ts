import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, shuffleInPlace } from '../../../src/core/split/random.ts';

describe('createRng', () => {
  it('reproduces the reference mulberry32 sequence (guards cross-version determinism)', () => {
    const rng = createRng(0);
    expect([rng(), rng(), rng()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    const rng42 = createRng(42);
    expect([rng42(), rng42(), rng42()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('gives the same sequence for the same seed and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('does not collide seeds that differ only above 32 bits', () => {
    expect(createRng(1)()).not.toBe(createRng(2 ** 32 + 1)());
  });

  it('rejects non-finite seeds', () => {
    expect(() => createRng(NaN)).toThrow(RangeError);
    expect(() => createRng(Infinity)).toThrow(RangeError);
  });
});

describe('shuffleInPlace', () => {
  it('returns the same array holding a permutation of its items', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.nat(), (items, seed) => {
        const copy = [...items];
        const result = shuffleInPlace(copy, createRng(seed));
        expect(result).toBe(copy);
        expect([...result].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('is deterministic for a seed', () => {
    const a = shuffleInPlace([...Array(30).keys()], createRng(9));
    const b = shuffleInPlace([...Array(30).keys()], createRng(9));
    expect(a).toEqual(b);
  });

  it('hits all 6 permutations of 3 items about equally often', () => {
    const rng = createRng(123);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffleInPlace([0, 1, 2], rng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Expected 1000 each; ±150 is > 4 standard deviations.
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});
