import type { PrepareOp, PrepareStep } from '../../core/prepare/steps/schema.ts';

/** How a form field is edited: column pickers, a fixed choice, or typed text and numbers. */
export type FieldKind = 'columns' | 'column' | 'choice' | 'number' | 'text' | 'expression' | 'flag' | 'list' | 'value';

/** One field of a step form; `key` is the step's property, `when` hides it unless it applies. */
export interface FieldMeta {
  key: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Optional fields left empty are left out of the step, so the schema's default applies. */
  optional?: boolean;
  hint?: string;
  when?: (draft: Draft) => boolean;
}

/** What the form holds while the user edits: text for typed fields, arrays for column sets, booleans for flags. */
export type Draft = Record<string, string | string[] | boolean>;

/** A step kind as the editor offers it. */
export interface OpMeta {
  label: string;
  help: string;
  fields: FieldMeta[];
  defaults: Draft;
}

const allHint = 'none ticked = every suitable column';
const columns = (label: string): FieldMeta => ({ key: 'columns', label, kind: 'columns', optional: true, hint: allHint });
const as: FieldMeta = { key: 'as', label: 'New column (optional)', kind: 'text', optional: true, hint: 'leave empty to replace in place' };

/** Every step kind, in the order the add menu lists them. */
export const opMeta: Record<PrepareOp, OpMeta> = {
  derive: {
    label: 'Derive a column',
    help: 'Computes a new column per row from a formula, e.g. petal_length * petal_width.',
    fields: [
      { key: 'name', label: 'Column name', kind: 'text' },
      { key: 'expression', label: 'Expression', kind: 'expression', hint: 'columns, numbers, + - * / % ^, log, sqrt, abs, min, max…; `quote names` with spaces' },
    ],
    defaults: { name: '', expression: '' },
  },
  impute: {
    label: 'Fill missing values',
    help: 'Fills gaps with a value learnt from the training rows, or drops rows with gaps.',
    fields: [
      columns('Columns'),
      { key: 'strategy', label: 'Strategy', kind: 'choice', options: ['median', 'mean', 'mostFrequent', 'constant', 'dropRows'] },
      { key: 'value', label: 'Value', kind: 'value', when: (d) => d.strategy === 'constant' },
      { key: 'indicator', label: 'Add a <column>_was_missing 0/1 column', kind: 'flag', when: (d) => d.strategy !== 'dropRows' },
    ],
    defaults: { columns: [], strategy: 'median', value: '', indicator: false },
  },
  scale: {
    label: 'Scale numbers',
    help: 'Rescales numeric columns with parameters from the training rows.',
    fields: [columns('Columns'), { key: 'method', label: 'Method', kind: 'choice', options: ['zscore', 'minmax', 'robust'] }],
    defaults: { columns: [], method: 'zscore' },
  },
  onehot: {
    label: 'One-hot encode',
    help: 'Replaces a categorical column by one 0/1 column per value (rare values share an "other" column).',
    fields: [
      columns('Columns'),
      { key: 'maxCategories', label: 'Most values kept', kind: 'number' },
      { key: 'minFrequency', label: 'Min frequency (optional)', kind: 'number', optional: true, hint: 'a count, or a fraction below 1' },
    ],
    defaults: { columns: [], maxCategories: '20', minFrequency: '' },
  },
  ordinal: {
    label: 'Ordinal encode',
    help: "Replaces a categorical column by each value's position in an order.",
    fields: [
      { key: 'column', label: 'Column', kind: 'column' },
      { key: 'order', label: 'Order (optional)', kind: 'list', optional: true, hint: 'comma-separated, e.g. low, mid, high; sorted when empty' },
    ],
    defaults: { column: '', order: '' },
  },
  transform: {
    label: 'Transform (log, sqrt…)',
    help: 'Applies log, log1p, sqrt or a power to a numeric column.',
    fields: [
      { key: 'column', label: 'Column', kind: 'column' },
      { key: 'fn', label: 'Function', kind: 'choice', options: ['log', 'log1p', 'sqrt', 'power'] },
      { key: 'power', label: 'Power', kind: 'number', when: (d) => d.fn === 'power' },
      as,
    ],
    defaults: { column: '', fn: 'log1p', power: '', as: '' },
  },
  clip: {
    label: 'Clip outliers',
    help: 'Limits numeric columns to quantiles of the training rows.',
    fields: [
      columns('Columns'),
      { key: 'lower', label: 'Lower quantile', kind: 'number' },
      { key: 'upper', label: 'Upper quantile', kind: 'number' },
    ],
    defaults: { columns: [], lower: '0.01', upper: '0.99' },
  },
  bin: {
    label: 'Bin numbers',
    help: 'Replaces a numeric column by its bin number, with edges from the training rows.',
    fields: [
      { key: 'column', label: 'Column', kind: 'column' },
      { key: 'bins', label: 'Bins', kind: 'number' },
      { key: 'strategy', label: 'Edges', kind: 'choice', options: ['quantile', 'uniform'] },
      as,
    ],
    defaults: { column: '', bins: '5', strategy: 'quantile', as: '' },
  },
  cast: {
    label: 'Change a column type',
    help: 'Treats a column as numbers or as categories.',
    fields: [
      { key: 'column', label: 'Column', kind: 'column' },
      { key: 'type', label: 'Type', kind: 'choice', options: ['numeric', 'categorical'] },
    ],
    defaults: { column: '', type: 'categorical' },
  },
  drop: {
    label: 'Drop columns',
    help: 'Removes columns from the table.',
    fields: [{ key: 'columns', label: 'Columns', kind: 'columns' }],
    defaults: { columns: [] },
  },
  dropDuplicates: { label: 'Drop duplicate rows', help: 'Removes rows identical to an earlier row (before the split).', fields: [], defaults: {} },
  dropMissingLabel: { label: 'Drop rows without a label', help: 'Removes rows whose label is missing (before the split).', fields: [], defaults: {} },
};

/** The step kinds in menu order. */
export const ops = Object.keys(opMeta) as PrepareOp[];
