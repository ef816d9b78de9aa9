import { z } from 'zod';
import { parseExpression } from '../expression/index.ts';

const name = z.string().min(1, 'must name a column');
const names = z.array(name).min(1, 'must name at least one column');
const quantile = z.number().min(0, 'must be a quantile between 0 and 1').max(1, 'must be a quantile between 0 and 1');

/** Removes columns. */
const drop = z.strictObject({ op: z.literal('drop'), columns: names });

/** Removes rows identical in every column to an earlier row, keeping the first. Row step. */
const dropDuplicates = z.strictObject({ op: z.literal('dropDuplicates') });

/** Removes rows whose label is missing. Row step. */
const dropMissingLabel = z.strictObject({ op: z.literal('dropMissingLabel') });

/**
 * Fills missing values from the training rows. `columns` defaults to every column with a missing
 * training value that suits the strategy (mean and median need numbers). `dropRows` is a row step.
 */
const impute = z
  .strictObject({
    op: z.literal('impute'),
    columns: names.optional(),
    strategy: z.enum(['mean', 'median', 'mostFrequent', 'constant', 'dropRows']).default('median'),
    value: z.union([z.number(), z.string()]).optional(),
    /** Adds a `<column>_was_missing` 0/1 column next to each imputed column. */
    indicator: z.boolean().default(false),
  })
  .refine((s) => s.strategy !== 'constant' || s.value !== undefined, {
    message: "strategy 'constant' needs a value",
    path: ['value'],
  })
  .refine((s) => s.strategy === 'constant' || s.value === undefined, {
    message: "value is only used by strategy 'constant'",
    path: ['value'],
  })
  .refine((s) => !(s.strategy === 'dropRows' && s.indicator), {
    message: 'dropRows removes the rows, so there is nothing left to flag',
    path: ['indicator'],
  });

/** Rescales numeric columns (all by default); a constant column becomes 0, never NaN. */
const scale = z.strictObject({
  op: z.literal('scale'),
  columns: names.optional(),
  method: z.enum(['minmax', 'zscore', 'robust']).default('zscore'),
});

/**
 * Replaces categorical columns (all by default) with 0/1 columns `<column>=<value>`, plus one
 * `<column>=other` for values beyond the `maxCategories` most frequent, rarer than `minFrequency`
 * (a count, or a fraction of training rows when below 1, as in scikit-learn), or unseen in training.
 */
const onehot = z.strictObject({
  op: z.literal('onehot'),
  columns: names.optional(),
  maxCategories: z.number().int('must be a whole number').min(1, 'must be 1 or more').default(20),
  minFrequency: z
    .number()
    .positive('must be more than 0')
    .refine((f) => f < 1 || Number.isInteger(f), 'must be a whole count, or a fraction below 1')
    .optional(),
});

/** Replaces a categorical column by each value's position in `order` (training values sorted when omitted). */
const ordinal = z.strictObject({
  op: z.literal('ordinal'),
  column: name,
  order: z
    .array(z.string())
    .min(1, 'must list at least one value')
    .refine((o) => new Set(o).size === o.length, 'must not list a value twice')
    .optional(),
});

/** Applies log, log1p, sqrt or x^power to a numeric column, in place or into a new column `as`. */
const transform = z
  .strictObject({
    op: z.literal('transform'),
    column: name,
    fn: z.enum(['log', 'log1p', 'sqrt', 'power']),
    power: z.number().optional(),
    as: name.optional(),
  })
  .refine((s) => (s.fn === 'power') === (s.power !== undefined), {
    message: "power is required with fn 'power' and only used there",
    path: ['power'],
  });

/** Clips numeric columns to the `lower` and `upper` quantiles of the training rows. */
const clip = z
  .strictObject({
    op: z.literal('clip'),
    columns: names.optional(),
    lower: quantile.default(0.01),
    upper: quantile.default(0.99),
  })
  .refine((s) => s.lower < s.upper, { message: 'must be more than lower', path: ['upper'] });

/** Replaces a numeric column (or adds `as`) with its bin number 0..bins-1; edges come from the training rows. */
const bin = z.strictObject({
  op: z.literal('bin'),
  column: name,
  bins: z.number().int('must be a whole number').min(2, 'must be 2 or more').max(1000, 'must be 1000 or less'),
  strategy: z.enum(['quantile', 'uniform']).default('quantile'),
  as: name.optional(),
});

/** Expression source that parses; the parser's message (with its position) is the issue otherwise. */
export const expressionSource = z.string().superRefine((src, ctx) => {
  try {
    parseExpression(src);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

/** Adds (or replaces) column `name` computed per row from `expression`, e.g. `weight / (height/100)^2`. */
const derive = z.strictObject({ op: z.literal('derive'), name, expression: expressionSource });

/**
 * Overrides a column's type. Text and dates are treated as categorical for now; casting to
 * numeric fails on any value that is not a number.
 */
const cast = z.strictObject({ op: z.literal('cast'), column: name, type: z.enum(['numeric', 'categorical']) });

/** One preparation step, keyed by `op`. */
export const prepareStepSchema = z.discriminatedUnion('op', [
  drop,
  dropDuplicates,
  dropMissingLabel,
  impute,
  scale,
  onehot,
  ordinal,
  transform,
  clip,
  bin,
  derive,
  cast,
]);

/** The `prepare` section of the pipeline spec: steps applied in order. */
export const prepareSchema = z.array(prepareStepSchema).default([]);

/** A step as written by a person, defaults still missing. */
export type PrepareStepInput = z.input<typeof prepareStepSchema>;
/** A step with its defaults filled in. */
export type PrepareStep = z.output<typeof prepareStepSchema>;
/** The name of a step kind, e.g. 'impute'. */
export type PrepareOp = PrepareStep['op'];
/** The step with op `K`. */
export type StepOf<K extends PrepareOp> = Extract<PrepareStep, { op: K }>;
