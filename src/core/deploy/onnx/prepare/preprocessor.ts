import { KilnError } from '../../../errors.ts';
import type { FeatureEncoder, Preprocessor } from '../../../prepare/preprocess.ts';
import type { Cols, PrepGraph } from './values.ts';

/**
 * The final encoding, as encodeFeatures writes it: each numeric feature filled where missing
 * and standardised, each one-hot feature as 0/1 slots (missing takes the `fill` category, an
 * unseen one sets no slot). Returns one float64 value per feature, [batch, width] in total, in
 * featureNames(pre) order.
 *
 * encodePreprocessor(p, cols, pre) // → ['div_3', 'cast_7'] for a numeric and a 3-category one-hot
 */
export function encodePreprocessor(p: PrepGraph, cols: Cols, pre: Preprocessor): string[] {
  return pre.features.flatMap((f) => {
    const width = f.kind === 'numeric' ? 1 : f.categories.length;
    return width === 0 ? [] : [encodeFeature(p, cols, f)];
  });
}

function encodeFeature(p: PrepGraph, cols: Cols, f: FeatureEncoder): string {
  const col = cols.get(f.name);
  if (!col || (col.kind === 'numeric') !== (f.kind === 'numeric')) {
    const found = col ? `a ${col.kind} column` : 'no column';
    throw new KilnError(`the preprocessor encodes '${f.name}' as ${f.kind}, but the prepare steps give ${found}; export the model again`, {
      file: 'preprocessing.json',
    });
  }
  const missing = p.isNaN(col.value);
  if (f.kind === 'numeric') {
    const filled = p.where(missing, p.num(f.fill), col.value);
    return p.op('Div', [p.op('Sub', [filled, p.num(f.mean)]), p.num(f.std)]);
  }
  const vocab = col.kind === 'categorical' ? col.vocab : [];
  // A fill no training row of this column had still gets a code of its own, so it matches itself.
  const fillCode = vocab.includes(f.fill) ? vocab.indexOf(f.fill) : vocab.length;
  const filled = p.where(missing, p.num(fillCode), col.value);
  const codes = f.categories.map((c) => (c === f.fill ? fillCode : vocab.includes(c) ? vocab.indexOf(c) : NaN));
  return p.toDouble(p.op('Equal', [filled, p.doubles('categories', codes)]));
}
