import { describe, expect, it } from 'vitest';
import { defaultSpace } from '../../../src/core/tune/default-space.ts';
import { gridSize } from '../../../src/core/tune/grid.ts';
import { objectiveDirection, objectiveNames, tuningSchema } from '../../../src/core/tune/schema.ts';

/** The issues of a refused section as `path: message` lines. */
function issues(value: unknown): string[] {
  const parsed = tuningSchema.safeParse(value);
  if (parsed.success) throw new Error('expected the section to be refused');
  return parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

const lr = { type: 'continuous', min: 1e-4, max: 1e-1, scale: 'log' } as const;

describe('tuningSchema', () => {
  it('fills the defaults', () => {
    expect(tuningSchema.parse({})).toEqual({
      strategy: 'bayesian',
      maxTrials: 12,
      objective: 'validation.loss',
      minEpochs: 1,
      maxEpochs: 27,
      eta: 3,
    });
  });

  it('accepts every kind of range, with scale defaulting to linear', () => {
    const spec = tuningSchema.parse({
      strategy: 'grid',
      objective: 'validation.f1Macro',
      space: {
        'train.learningRate': { ...lr, count: 4 },
        'train.epochs': { type: 'integer', min: 10, max: 12 },
        'model.hidden': { type: 'categorical', values: [[16], [32, 16]] },
        'train.optimizer': { type: 'categorical', values: ['adam', 'sgd'] },
      },
    });
    expect(spec.space!['train.epochs']).toEqual({ type: 'integer', min: 10, max: 12, scale: 'linear' });
    expect(gridSize(spec.space!)).toBe(4 * 3 * 2 * 2);
  });

  it('lists the objectives it accepts', () => {
    expect(objectiveNames).toEqual([
      'validation.accuracy', 'validation.f1Macro', 'validation.precisionMacro', 'validation.recallMacro',
      'validation.loss', 'validation.rmse', 'validation.mae', 'validation.r2',
    ]);
    expect(issues({ objective: 'test.accuracy' })).toEqual([`objective: must be one of ${objectiveNames.join(', ')}`]);
  });

  it('refuses bad ranges with their path', () => {
    expect(
      issues({
        space: {
          'train.learningRate': { type: 'continuous', min: 0, max: 0.1, scale: 'log' },
          'model.dropout': { type: 'continuous', min: 0.5, max: 0.5 },
          'model.hidden': { type: 'categorical', values: [] },
          'train.optimizer': { type: 'categorical', values: ['adam', 'adam'] },
          'train.batchSize': { type: 'choice', values: [1] },
          'train.patience': { type: 'integer', min: 1.5, max: 3 },
        },
      }),
    ).toEqual([
      'space.train.learningRate.min: must be more than 0 on a log scale (use scale "linear")',
      'space.model.dropout.max: must be more than min (0.5)',
      'space.model.hidden.values: must list at least one value',
      'space.train.optimizer.values.1: repeats the value "adam"',
      "space.train.batchSize.type: must have type 'continuous', 'integer' or 'categorical'",
      'space.train.patience.min: must be a whole number',
    ]);
  });

  it('refuses a continuous range without count under grid, train.epochs under hyperband, and bad paths', () => {
    expect(issues({ strategy: 'grid', space: { 'train.learningRate': lr } })).toEqual([
      'space.train.learningRate.count: is required by the grid strategy for a continuous range: add e.g. "count": 5 (values evenly spaced from min to max)',
    ]);
    expect(issues({ strategy: 'hyperband', space: { 'train.epochs': { type: 'integer', min: 5, max: 50 } } })).toEqual([
      'space.train.epochs: is set by hyperband for each trial: remove it, or set minEpochs and maxEpochs',
    ]);
    expect(issues({ space: { learningRate: lr } })).toEqual(['space.learningRate: must be a dotted path into the spec, e.g. train.learningRate']);
    expect(issues({ space: {} })).toEqual(['space: must name at least one hyperparameter, or be left out']);
  });

  it('refuses bad budgets', () => {
    expect(issues({ maxTrials: 0, minEpochs: 30, maxEpochs: 27, eta: 1, strategy: 'annealing' })).toEqual([
      "strategy: Invalid option: expected one of \"random\"|\"grid\"|\"bayesian\"|\"hyperband\"",
      'maxTrials: must be 1 or more',
      'eta: must be 2 or more',
    ]);
    expect(issues({ minEpochs: 30, maxEpochs: 27 })).toEqual(['maxEpochs: must be more than minEpochs (30)']);
  });
});

describe('objectiveDirection', () => {
  it('minimises loss, rmse and mae, maximises the rest, and obeys an override', () => {
    const minimised = objectiveNames.filter((o) => objectiveDirection(o) === 'minimize');
    expect(minimised).toEqual(['validation.loss', 'validation.rmse', 'validation.mae']);
    expect(objectiveDirection('validation.r2')).toBe('maximize');
    expect(objectiveDirection('validation.accuracy', 'minimize')).toBe('minimize');
  });
});

describe('defaultSpace', () => {
  it('is a valid space that grid search can enumerate, for tables and images', () => {
    const table = defaultSpace('table', 'classification');
    expect(Object.keys(table)).toEqual(['train.learningRate', 'train.batchSize', 'model.hidden', 'model.dropout']);
    expect(tuningSchema.parse({ strategy: 'grid', space: table }).space).toEqual(table);
    expect(gridSize(table)).toBe(4 * 4 * 5 * 6);
    const images = defaultSpace('images', 'classification');
    expect(Object.keys(images)).toEqual(['train.learningRate', 'train.batchSize', 'model.filters', 'model.hidden', 'model.dropout']);
    expect(images['train.learningRate']).toMatchObject({ min: 1e-4, max: 1e-2 });
    expect(defaultSpace('table', 'regression')['train.learningRate']).toMatchObject({ max: 3e-2 });
  });
});
