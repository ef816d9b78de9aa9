import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAugment } from '../../../src/core/augment/schema.ts';
import { defaultSpec, formatSpecIssues, validateSpec, type SpecIssue } from '../../../src/core/spec/validate.ts';

const minimal = { version: 1, data: { source: 'iris.csv', label: 'species' } };

/** The issues of a spec that must be invalid; fails the test if it was accepted. */
function issuesOf(value: unknown): SpecIssue[] {
  const result = validateSpec(value);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return result.issues;
}

describe('validateSpec', () => {
  it('accepts the minimal spec and fills in every default', () => {
    const result = validateSpec(minimal);
    expect(result).toEqual({
      ok: true,
      spec: {
        version: 1,
        seed: 42,
        task: 'auto',
        backend: 'auto',
        goal: { objective: '', metric: 'accuracy' },
        evaluate: { threshold: 0.5 },
        data: { source: 'iris.csv', label: 'species', kind: 'auto', image: { width: 28, height: 28, channels: 1 } },
        prepare: [],
        split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true },
        model: { type: 'auto', filters: [8, 16], hidden: [16], activation: 'relu', dropout: 0 },
        train: { epochs: 200, batchSize: 16, learningRate: 0.005, optimizer: 'adam', momentum: 0, weightDecay: 0.01, schedule: { type: 'none' }, patience: 10, loss: 'auto', huberDelta: 1 },
        augment: defaultAugment,
      },
    });
  });

  it('keeps values the user gave over the defaults', () => {
    const result = validateSpec({
      ...minimal,
      seed: 7,
      backend: 'webgl',
      task: 'regression',
      split: { train: 0.8, validation: 0, test: 0.2, stratify: false, seed: 3 },
    });
    expect(result.ok && result.spec.split).toEqual({ train: 0.8, validation: 0, test: 0.2, stratify: false, seed: 3 });
    expect(result.ok && [result.spec.seed, result.spec.backend, result.spec.task]).toEqual([7, 'webgl', 'regression']);
  });

  it('reports a split fraction above 1 at split.train', () => {
    // The defaults 0.15 + 0.15 make the sum 2.3, so the sum check fires too.
    expect(issuesOf({ ...minimal, split: { train: 2 } })).toEqual([
      { path: 'split.train', message: 'must be between 0 and 1' },
      { path: 'split', message: 'train + validation + test must add up to 1' },
    ]);
  });

  it('reports a negative split fraction at its own path', () => {
    expect(issuesOf({ ...minimal, split: { train: 1.1, validation: -0.1, test: 0 } })).toContainEqual({
      path: 'split.validation',
      message: 'must be between 0 and 1',
    });
  });

  it('rejects any version but 1 at path version', () => {
    const message = 'must be 1 (the only spec version Kiln knows)';
    expect(issuesOf({ ...minimal, version: 2 })).toEqual([{ path: 'version', message }]);
    expect(issuesOf({ data: minimal.data })).toEqual([{ path: 'version', message }]);
  });

  it('reports a missing data.label as required', () => {
    expect(issuesOf({ version: 1, data: { source: 'iris.csv' } })).toEqual([{ path: 'data.label', message: 'is required' }]);
    expect(issuesOf({ version: 1 })).toEqual([{ path: 'data', message: 'is required' }]);
  });

  it('names unknown fields, at the root and inside a section', () => {
    expect(issuesOf({ ...minimal, epochs: 5 })).toEqual([{ path: '(spec)', message: "unknown field(s) 'epochs'" }]);
    expect(issuesOf({ ...minimal, split: { trian: 0.7, tset: 0.1 } })).toEqual([
      { path: 'split', message: "unknown field(s) 'trian', 'tset'" },
    ]);
  });

  it('reports ratios that do not add up to 1 at path split', () => {
    expect(issuesOf({ ...minimal, split: { train: 0.5, validation: 0.1, test: 0.1 } })).toEqual([
      { path: 'split', message: 'train + validation + test must add up to 1' },
    ]);
  });

  it('requires non-empty train and test splits', () => {
    expect(issuesOf({ ...minimal, split: { train: 0.85, validation: 0.15, test: 0 } })).toEqual([
      { path: 'split.test', message: 'must be more than 0' },
    ]);
  });

  it('lists the allowed backends for an unknown one', () => {
    expect(issuesOf({ ...minimal, backend: 'tpu' })).toEqual([
      { path: 'backend', message: 'must be one of "auto", "webgpu", "webgl", "wasm", "cpu"' },
    ]);
  });

  it('rejects a negative seed, top-level and in split', () => {
    expect(issuesOf({ ...minimal, seed: -1 })).toEqual([{ path: 'seed', message: 'must be 0 or more' }]);
    expect(issuesOf({ ...minimal, split: { seed: -3 } })).toEqual([{ path: 'split.seed', message: 'must be 0 or more' }]);
  });

  it('says a fractional seed must be a whole number, not that it is missing', () => {
    expect(issuesOf({ ...minimal, seed: 1.5 })).toEqual([{ path: 'seed', message: 'must be a whole number' }]);
  });

  it('says a value of the wrong type has the wrong type, not that it is missing', () => {
    expect(issuesOf({ ...minimal, data: { source: 5, label: 'species' } })).toEqual([
      { path: 'data.source', message: 'must be a string' },
    ]);
  });

  it('is idempotent: a validated spec validates to itself', () => {
    const fraction = fc.integer({ min: 1, max: 98 });
    const arb = fc.record({
      train: fraction,
      test: fraction,
      seed: fc.nat(),
      backend: fc.constantFrom('auto', 'webgpu', 'webgl', 'cpu'),
      stratify: fc.boolean(),
    }).filter((r) => r.train + r.test < 100);
    fc.assert(
      fc.property(arb, ({ train, test, seed, backend, stratify }) => {
        const input = {
          ...minimal,
          seed,
          backend,
          split: { train: train / 100, test: test / 100, validation: (100 - train - test) / 100, stratify },
        };
        const first = validateSpec(input);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(validateSpec(first.spec)).toEqual(first);
      }),
    );
  });
});

describe('formatSpecIssues', () => {
  it('prints one `path: message` line per issue', () => {
    const text = formatSpecIssues(issuesOf({ ...minimal, split: { train: 2 }, backend: 'tpu', seed: -1 }));
    expect(text.split('\n')).toEqual([
      'seed: must be 0 or more',
      'backend: must be one of "auto", "webgpu", "webgl", "wasm", "cpu"',
      'split.train: must be between 0 and 1',
      'split: train + validation + test must add up to 1',
    ]);
  });

  it('prints root issues under (spec) and nothing for no issues', () => {
    expect(formatSpecIssues(issuesOf({ ...minimal, epochs: 5 }))).toBe("(spec): unknown field(s) 'epochs'");
    expect(formatSpecIssues([])).toBe('');
  });
});

describe('defaultSpec', () => {
  it('builds the minimal spec with defaults', () => {
    const spec = defaultSpec('penguins.csv', 'species');
    expect(spec.data).toEqual({ source: 'penguins.csv', label: 'species', kind: 'auto', image: { width: 28, height: 28, channels: 1 } });
    expect(spec.split).toEqual({ train: 0.7, validation: 0.15, test: 0.15, stratify: true });
  });

  it('throws the formatted issues for an empty source', () => {
    expect(() => defaultSpec('', 'species')).toThrow('data.source: must name a file or URL');
  });
});
