import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../src/core/errors.ts';
import { validateSpec } from '../../../src/core/spec/validate.ts';
import { checkpointSpecHash, checkResumable, decodeCheckpoint, encodeCheckpoint, type TrainCheckpoint } from '../../../src/core/train/checkpoint.ts';

function spec(epochs: number, backend: 'auto' | 'cpu' = 'auto') {
  const result = validateSpec({ version: 1, backend, data: { source: 'iris.csv', label: 'species' }, train: { epochs } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const f32 = (...v: number[]) => Float32Array.from(v);

/** A small checkpoint with awkward values: negative zero, a subnormal, a NaN-free float32 maximum. */
function sample(): TrainCheckpoint {
  return {
    version: 1,
    specHash: checkpointSpecHash(spec(10)),
    split: { train: 105, validation: 22, test: 23 },
    epochs: 10,
    epochsCompleted: 2,
    history: [
      { epoch: 1, loss: 1.1, valLoss: 1.0, acc: 0.3, valAcc: 0.4, numTensors: 12, ms: 5.5, lr: 0.005, best: true },
      { epoch: 2, loss: 0.9, valLoss: 1.2, acc: 0.5, valAcc: 0.4, numTensors: 12, ms: 4.25, lr: 0.005, best: false },
    ],
    weights: [
      { name: 'dense_Dense1/kernel', shape: [2, 3], values: f32(1, -0, 1e-40, 3.4028234663852886e38, -2.5, 0.1) },
      { name: 'dense_Dense1/bias', shape: [3], values: f32(0, 0.5, -0.5) },
    ],
    best: { epoch: 1, weights: [{ name: 'dense_Dense1/kernel', shape: [2, 3], values: f32(6, 5, 4, 3, 2, 1) }, { name: 'dense_Dense1/bias', shape: [3], values: f32(7, 8, 9) }] },
    optimizer: { optimizer: 'adam', step: 8, slots: [f32(1, 2, 3, 4, 5, 6, 7, 8, 9), f32(9, 8, 7, 6, 5, 4, 3, 2, 1)] },
    control: { bestEpoch: 1, learningRate: 0.005, earlyStopped: false },
    rng: { dropoutCalls: [16] },
    elapsedMs: 9.75,
    backend: 'cpu',
    savedAt: '2026-11-30T03:50:00.000Z',
  };
}

/** The KilnError message a call throws, or 'no error' / the foreign error's name. */
function refusal(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (e) {
    return isKilnError(e) ? e.message : `not a KilnError: ${String(e)}`;
  }
}

describe('checkpoint bytes', () => {
  it('round-trip every field, float bits included', () => {
    const c = sample();
    const bytes = encodeCheckpoint(c);
    const back = decodeCheckpoint(bytes);
    expect(back).toEqual(c);
    expect(Object.is(back.weights[0].values[1], -0)).toBe(true);
    expect(back.weights[0].values[2]).toBe(Math.fround(1e-40));
    // Header + 9 + 6 + 3 + 6 + 3 floats + 16 checksum digits; the floats start 4-byte aligned.
    expect((bytes.length - 16) % 4).toBe(0);
  });

  it('decode from a view inside a larger, unaligned buffer', () => {
    const bytes = encodeCheckpoint(sample());
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 1);
    expect(decodeCheckpoint(padded.subarray(1, 1 + bytes.length))).toEqual(sample());
  });

  it('refuse foreign, damaged and cut-short bytes with a sentence', () => {
    const bytes = encodeCheckpoint(sample());
    expect(refusal(() => decodeCheckpoint(new TextEncoder().encode('{"version":1}')))).toMatch(/^checkpoint: is not a usable training checkpoint: it does not start as a Kiln checkpoint does; train from the start$/);
    const flipped = bytes.slice();
    flipped[bytes.length - 40] ^= 1;
    expect(refusal(() => decodeCheckpoint(flipped))).toMatch(/checksum does not match/);
    expect(refusal(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 7)))).toMatch(/checksum does not match/);
    expect(refusal(() => decodeCheckpoint(new Uint8Array(0)))).toMatch(/does not start as a Kiln checkpoint/);
  });

  it('refuse a well-formed file whose header lies (checksum recomputed)', () => {
    const c = sample();
    const lying = { ...c, weights: [{ ...c.weights[0], shape: [4, 4] }, c.weights[1]] };
    expect(refusal(() => decodeCheckpoint(encodeCheckpoint(lying)))).toMatch(/weight 'dense_Dense1\/kernel' has 6 values for shape \[4,4\]/);
    expect(refusal(() => decodeCheckpoint(encodeCheckpoint({ ...c, epochsCompleted: 5 })))).toMatch(/2 epochs of history for 5 completed/);
  });

  it('end every byte mutation in a checkpoint or a KilnError, never another exception', () => {
    const bytes = encodeCheckpoint(sample());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(bytes.length), (edits, cut) => {
        const mutated = bytes.slice(0, Math.max(cut, bytes.length - 30));
        for (const [at, value] of edits) if (at < mutated.length) mutated[at] = value;
        expect(refusal(() => decodeCheckpoint(mutated))).not.toMatch(/^not a KilnError/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('which spec a checkpoint resumes', () => {
  it('the same settings on another backend, and nothing else', () => {
    const c = sample();
    expect(refusal(() => checkResumable(c, spec(10, 'cpu'), c.split))).toBe('no error');
    expect(refusal(() => checkResumable(c, spec(11)))).toMatch(/^checkpoint: was saved for different settings \(spec [0-9a-f]{16}, this spec [0-9a-f]{16}\); train from the start/);
    expect(refusal(() => checkResumable(c, spec(10), { train: 104, validation: 23, test: 23 }))).toMatch(/was saved for a 105\/22\/23 train\/validation\/test split, but this data splits 104\/23\/23/);
  });
});
