import { KilnError } from '../../../errors.ts';
import type { FittedStep } from '../../../prepare/steps/fit.ts';
import { isRowStep } from '../../../prepare/steps/ops.ts';
import type { TableModelDoc } from '../../model-doc.ts';
import type { OnnxGraph } from '../graph.ts';
import { castStep, dropStep, imputeStep, onehotStep, ordinalStep } from './category-steps.ts';
import { stepContext, type StepConverter } from './context.ts';
import { deriveStep } from './derive.ts';
import { binStep, clipStep, scaleStep, transformStep } from './numeric-steps.ts';
import { encodePreprocessor } from './preprocessor.ts';
import { PrepGraph, type Cols } from './values.ts';

export { describeStep } from './context.ts';

type Converters = { [K in FittedStep['op']]: StepConverter<Extract<FittedStep, { op: K }>> };

/** One converter per fitted step kind; a new kind fails to type-check until it has one here. */
export const stepConverters: Converters = {
  drop: dropStep,
  impute: imputeStep,
  scale: scaleStep,
  clip: clipStep,
  onehot: onehotStep,
  ordinal: ordinalStep,
  transform: transformStep,
  bin: binStep,
  derive: deriveStep,
  cast: castStep,
};

/**
 * Appends the fitted data preparation of a table model to `g`: from `input`, float32
 * [batch, doc.fields.length] raw values (numbers, NaN when missing; categories as their index in
 * `doc.schema[k].categories`, -1 when unseen), to float32 [batch, doc.preprocessor.width], the
 * network's input in featureNames order. A step that cannot be exported faithfully is a KilnError.
 *
 * compilePrepare(g, doc, 'input') // → { output: 'cast_41', width: 9 }
 */
export function compilePrepare(g: OnnxGraph, doc: TableModelDoc, input: string): { output: string; width: number } {
  const p = new PrepGraph(g, input);
  const cols = inputColumns(p, doc, input);
  const numbers = specIndices(doc);
  doc.prepare.forEach((f, k) => {
    // The map pairs each op with its own converter; TypeScript cannot follow that through the union.
    stepConverters[f.op](stepContext(p, cols, f, numbers[k]), f as never);
  });
  const pieces = encodePreprocessor(p, cols, doc.preprocessor);
  if (pieces.length === 0) throw new KilnError('the model has no encoded inputs to export', { file: 'preprocessing.json' });
  const features = pieces.length === 1 ? pieces[0] : p.op('Concat', pieces, { axis: { i: 1 } });
  return { output: p.toFloat(features), width: doc.preprocessor.width };
}

/** The raw fields as float64 columns; category indices outside the schema's list become -1 (unseen). */
function inputColumns(p: PrepGraph, doc: TableModelDoc, input: string): Cols {
  const n = doc.schema.length;
  const all = p.toDouble(input);
  const parts = n === 1 ? [all] : n === 0 ? [] : p.g.ops('Split', [all], n, { axis: { i: 1 } }, 'field');
  return new Map(
    doc.schema.map((field, k) => [
      field.name,
      field.type === 'numeric'
        ? { kind: 'numeric', value: parts[k] }
        : { kind: 'categorical', value: p.normaliseIndex(parts[k], field.categories.length), vocab: field.categories },
    ]),
  );
}

/** Each fitted step's position in the spec's prepare list, which also holds the row steps fitting skipped. */
function specIndices(doc: TableModelDoc): number[] {
  const spec = doc.spec?.prepare ?? [];
  const columnSteps = spec.flatMap((s, i) => (isRowStep(s) ? [] : [i]));
  return columnSteps.length === doc.prepare.length ? columnSteps : doc.prepare.map((_, k) => k);
}
