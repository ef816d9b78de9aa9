import { describe, expect, it } from 'vitest';
import { augmentSchema, defaultAugment } from '../../../src/core/augment/schema.ts';

describe('augmentSchema', () => {
  it('fills every default from an empty section, off by default', () => {
    expect(augmentSchema.parse({})).toEqual({
      enabled: false,
      fill: 'reflect',
      ops: {
        flipHorizontal: { p: 0.5 },
        flipVertical: { p: 0 },
        rotate: { p: 0.5, degrees: 15 },
        crop: { p: 0.5, scale: 0.8 },
        translate: { p: 0.5, fraction: 0.1 },
        brightness: { p: 0.5, delta: 0.2 },
        contrast: { p: 0.5, delta: 0.2 },
        noise: { p: 0.25, std: 0.05 },
        cutout: { p: 0.25, size: 0.25 },
      },
    });
    expect(defaultAugment.enabled).toBe(false);
  });

  it('keeps what the user wrote and fills the rest of that op', () => {
    const spec = augmentSchema.parse({ enabled: true, seed: 3, ops: { rotate: { degrees: 90 }, noise: { p: 1 } } });
    expect(spec.seed).toBe(3);
    expect(spec.ops.rotate).toEqual({ p: 0.5, degrees: 90 });
    expect(spec.ops.noise).toEqual({ p: 1, std: 0.05 });
    expect(spec.ops.flipHorizontal).toEqual({ p: 0.5 });
  });

  it.each([
    [{ ops: { rotate: { p: 1.5 } } }, ['ops', 'rotate', 'p'], 'must be between 0 and 1'],
    [{ ops: { flipHorizontal: { p: -0.1 } } }, ['ops', 'flipHorizontal', 'p'], 'must be between 0 and 1'],
    [{ ops: { rotate: { degrees: 200 } } }, ['ops', 'rotate', 'degrees'], 'must be between 0 and 180'],
    [{ ops: { crop: { scale: 0 } } }, ['ops', 'crop', 'scale'], 'must be more than 0 and at most 1'],
    [{ ops: { translate: { fraction: 0.8 } } }, ['ops', 'translate', 'fraction'], 'must be between 0 and 0.5'],
    [{ ops: { noise: { std: -1 } } }, ['ops', 'noise', 'std'], 'must be between 0 and 1'],
    [{ seed: 1.5 }, ['seed'], 'must be a whole number'],
  ])('rejects %j at its path with a readable message', (input, path, message) => {
    const result = augmentSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path, message });
  });

  it('rejects unknown ops and fields', () => {
    const result = augmentSchema.safeParse({ ops: { blur: { p: 1 } } });
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['ops'], keys: ['blur'] });
    expect(augmentSchema.safeParse({ ops: { rotate: { angle: 3 } } }).success).toBe(false);
  });
});
