import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CategoryIndex } from '../../../src/core/collect/category-index.ts';

describe('CategoryIndex', () => {
  it('answers like a Map of first-appearance codes, for ranges inside larger strings', () => {
    const word = fc.oneof(fc.constantFrom('', 'a', 'ab', 'ba', 'red', 'Red', 'é', '字', 'a long category name'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.string({ maxLength: 2 }), fc.string({ maxLength: 2 })), { maxLength: 200 }), (cells) => {
        const index = new CategoryIndex();
        const reference = new Map<string, number>();
        for (const [w, before, after] of cells) {
          const text = before + w + after;
          const code = index.get(text, before.length, before.length + w.length);
          expect(code).toBe(reference.get(w) ?? -1);
          if (code < 0) {
            reference.set(w, reference.size);
            expect(index.add(w)).toBe(reference.size - 1);
          }
        }
        expect(index.values).toEqual([...reference.keys()]);
        expect(index.size).toBe(reference.size);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every code through many resizes', () => {
    const index = new CategoryIndex();
    for (let i = 0; i < 50_000; i++) expect(index.add(`id-${i}`)).toBe(i);
    for (let i = 0; i < 50_000; i += 7) expect(index.get(`id-${i}`)).toBe(i);
    expect(index.get('id-50000')).toBe(-1);
    expect(index.get('x,id-123,y', 2, 8)).toBe(123);
  });
});
