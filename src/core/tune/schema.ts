import { z } from 'zod';

/** Metrics a tuning job may optimise, each read from the validation split. */
export const objectiveMetrics = ['accuracy', 'f1Macro', 'precisionMacro', 'recallMacro', 'loss', 'rmse', 'mae', 'r2'] as const;
export type ObjectiveMetric = (typeof objectiveMetrics)[number];
/** `validation.<metric>`: the only split tuning may look at (the test split stays unseen). */
export type ObjectiveName = `validation.${ObjectiveMetric}`;
/** Every accepted objective, e.g. `validation.f1Macro`. */
export const objectiveNames = objectiveMetrics.map((m) => `validation.${m}` as const) as [ObjectiveName, ...ObjectiveName[]];

/** Strategies of SageMaker Automatic Model Tuning that Kiln implements. */
export const strategyNames = ['random', 'grid', 'bayesian', 'hyperband'] as const;
export type StrategyName = (typeof strategyNames)[number];
export type Direction = 'maximize' | 'minimize';

/** Metrics where smaller is better; every other metric is maximised. */
const minimised: ReadonlySet<ObjectiveMetric> = new Set(['loss', 'rmse', 'mae']);

/**
 * The direction to optimise: the override when given, else inferred from the metric.
 *
 * objectiveDirection('validation.rmse') // → 'minimize'
 * objectiveDirection('validation.f1Macro') // → 'maximize'
 */
export function objectiveDirection(objective: ObjectiveName, override?: Direction): Direction {
  if (override) return override;
  return minimised.has(objective.slice('validation.'.length) as ObjectiveMetric) ? 'minimize' : 'maximize';
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const whole = z.number().int('must be a whole number');

const continuousSchema = z.strictObject({
  type: z.literal('continuous'),
  min: finite,
  max: finite,
  /** `log` samples evenly in log space: right for learning rates spanning decades. */
  scale: z.enum(['linear', 'log']).default('linear'),
  /** Values the grid strategy tries, evenly spaced from min to max on the scale (ignored by the others). */
  count: whole.min(2, 'must be 2 or more').max(100, 'must be 100 or fewer').optional(),
});

const integerSchema = z.strictObject({
  type: z.literal('integer'),
  min: whole,
  max: whole,
  scale: z.enum(['linear', 'log']).default('linear'),
});

/** A categorical value: a number, a string, or a list of numbers such as hidden layers [32, 16]. */
const hyperValueSchema = z.union([z.number(), z.string(), z.array(z.number())], {
  error: 'must be a number, a string or a list of numbers',
});

const categoricalSchema = z.strictObject({
  type: z.literal('categorical'),
  values: z.array(hyperValueSchema).min(1, 'must list at least one value'),
});

/** One hyperparameter's range; refinements check min < max, log > 0 and distinct values. */
export const rangeSchema = z
  .discriminatedUnion('type', [continuousSchema, integerSchema, categoricalSchema], {
    error: "must have type 'continuous', 'integer' or 'categorical'",
  })
  .superRefine((range, ctx) => {
    if (range.type === 'categorical') {
      const seen = new Set<string>();
      range.values.forEach((v, i) => {
        const key = JSON.stringify(v);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['values', i], message: `repeats the value ${key}` });
        seen.add(key);
      });
      return;
    }
    if (range.min >= range.max) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be more than min (${range.min})` });
    if (range.scale === 'log' && range.min <= 0) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'must be more than 0 on a log scale (use scale "linear")' });
    }
  });

const pathPattern = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/;

/** The spec's `tuning` section: which strategy searches which hyperparameters, for what objective. */
export const tuningSchema = z
  .strictObject({
    strategy: z.enum(strategyNames).default('bayesian'),
    /** Training runs in all; for hyperband every rung of every bracket counts as one. */
    maxTrials: whole.min(1, 'must be 1 or more').max(10000, 'must be 10000 or fewer').default(12),
    /** What to optimise; validation loss fits every task, so it is the default. */
    objective: z.enum(objectiveNames, { error: `must be one of ${objectiveNames.join(', ')}` }).default('validation.loss'),
    /** Inferred from the objective when absent (loss, rmse, mae: minimize; the rest: maximize). */
    direction: z.enum(['maximize', 'minimize']).optional(),
    /** Seed of the strategy's random draws; the spec's seed when absent. */
    seed: whole.min(0, 'must be 0 or more').optional(),
    /** Hyperband: epochs of the cheapest rung and of the full budget; a factor `eta` between rungs. */
    minEpochs: whole.min(1, 'must be 1 or more').default(1),
    maxEpochs: whole.min(2, 'must be 2 or more').max(20000, 'must be 20000 or fewer').default(27),
    eta: whole.min(2, 'must be 2 or more').max(10, 'must be 10 or fewer').default(3),
    /** Hyperparameter path (e.g. `train.learningRate`) → range; Kiln's default space when absent. */
    space: z.record(z.string(), rangeSchema).optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.minEpochs >= spec.maxEpochs) {
      ctx.addIssue({ code: 'custom', path: ['maxEpochs'], message: `must be more than minEpochs (${spec.minEpochs})` });
    }
    if (!spec.space) return;
    const paths = Object.keys(spec.space);
    if (paths.length === 0) ctx.addIssue({ code: 'custom', path: ['space'], message: 'must name at least one hyperparameter, or be left out' });
    for (const path of paths) {
      const range = spec.space[path];
      if (!pathPattern.test(path)) {
        ctx.addIssue({ code: 'custom', path: ['space', path], message: 'must be a dotted path into the spec, e.g. train.learningRate' });
      }
      // Grid needs a finite list: a continuous range says how many values via `count`.
      if (spec.strategy === 'grid' && range.type === 'continuous' && range.count === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['space', path, 'count'],
          message: 'is required by the grid strategy for a continuous range: add e.g. "count": 5 (values evenly spaced from min to max)',
        });
      }
      if (spec.strategy === 'hyperband' && path === 'train.epochs') {
        ctx.addIssue({ code: 'custom', path: ['space', path], message: 'is set by hyperband for each trial: remove it, or set minEpochs and maxEpochs' });
      }
    }
  });

/** The tuning section as a person writes it. */
export type TuningSpecInput = z.input<typeof tuningSchema>;
/** The tuning section with defaults filled in. */
export type TuningSpec = z.output<typeof tuningSchema>;
/** One hyperparameter's range. */
export type ParamRange = z.output<typeof rangeSchema>;
/** A value a hyperparameter may take. */
export type HyperValue = z.output<typeof hyperValueSchema>;
/** Hyperparameter path → range, in the order the spec lists them. */
export type SearchSpace = Record<string, ParamRange>;
/** One set of hyperparameters: path → value. */
export type Point = Record<string, HyperValue>;
