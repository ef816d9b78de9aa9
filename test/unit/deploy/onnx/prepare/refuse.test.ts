import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../../src/core/collect/csv.ts';
import { isKilnError } from '../../../../../src/core/errors.ts';
import { categoricalColumn, textsOf } from '../../../../../src/core/prepare/steps/columns.ts';
import type { PrepareStepInput } from '../../../../../src/core/prepare/steps/schema.ts';
import { bothFeatures, fitDoc, prepareModel, runOnnx } from './helpers.ts';

// Rows 1, 2, 4, 5 train; rows 0 and 3 hold a size ('huge') and a zip ('99999') no training row has.
const parsed = parseCsv(
  `size,zip,n,code,y
huge,99999,1,7,A
small,10115,2,7,B
large,10115,3,8,A
,20095,4,8,B
medium,20095,5,9,A
small,10115,6,9,B
`,
  'shop.csv',
);
// code as text that reads as numbers, as a column typed categorical by a cast upstream would hold.
const table = { ...parsed, columns: parsed.columns.map((c) => (c.name === 'code' ? categoricalColumn('code', textsOf(c)) : c)) };
const train = [1, 2, 4, 5];

function refusal(steps: PrepareStepInput[]): string {
  try {
    prepareModel(fitDoc(table, 'y', steps, train));
  } catch (e) {
    if (isKilnError(e)) return e.message;
    throw e;
  }
  throw new Error('expected the export to refuse');
}

describe('prepare steps the ONNX export cannot carry', () => {
  it('refuses a cast that converts, naming the step by its place in the spec', () => {
    expect(refusal([{ op: 'dropDuplicates' }, { op: 'scale', columns: ['n'] }, { op: 'cast', column: 'zip', type: 'categorical' }])).toBe(
      "ONNX export cannot include prepare step 2 (cast 'zip' to categorical): the ONNX input carries 'zip' as a number, and the category text of a value unseen in training is unknown; remove the step or export TF.js",
    );
  });

  it('refuses reading a categorical column as numbers, and an ordinal order naming a value no training row has', () => {
    const castCode = refusal([{ op: 'cast', column: 'code', type: 'numeric' }]);
    expect(castCode).toContain("prepare step 0 (cast 'code' to numeric): the ONNX input carries 'code' as a category index");
    expect(refusal([{ op: 'derive', name: 'twice', expression: 'n + code * 2' }])).toBe(
      "ONNX export cannot include prepare step 0 (derive 'twice'): it reads categorical column 'code' as numbers, which its category index cannot carry; remove the step or export TF.js",
    );
    const ordinal = refusal([{ op: 'ordinal', column: 'size', order: ['small', 'medium', 'large', 'huge'] }]);
    expect(ordinal).toBe(
      "ONNX export cannot include prepare step 0 (ordinal 'size'): its order lists 'huge', which no training row has, so the ONNX input (a training category's index) cannot say it; remove the step or export TF.js",
    );
  });

  it('exports an ordinal over the training values: unseen (-1) and missing become NaN, then the fill', async () => {
    const steps: PrepareStepInput[] = [
      { op: 'ordinal', column: 'size', order: ['small', 'medium', 'large'] },
      { op: 'impute', strategy: 'constant', value: 7, columns: ['size'], indicator: true },
      { op: 'drop', columns: ['zip', 'n', 'code'] },
    ];
    const doc = fitDoc(table, 'y', steps, train);
    expect(doc.schema[0]).toEqual({ name: 'size', type: 'categorical', categories: ['small', 'large', 'medium'] });
    const { onnx, kiln } = await bothFeatures(table, doc, [0, 1, 2, 3, 4]);
    const [size, flag] = doc.preprocessor.features;
    if (size.kind !== 'numeric' || flag.kind !== 'numeric') throw new Error('expected numeric features');
    // Undo the standardisation: size is 7 (filled) for 'huge' and missing, else its position.
    const raw = Array.from(onnx, (v, i) => Math.round(i % 2 ? v * flag.std + flag.mean : v * size.std + size.mean) + 0);
    expect(raw).toEqual([7, 1, 0, 0, 2, 0, 7, 1, 1, 0]);
    expect(Array.from(onnx)).toEqual(Array.from(kiln));
    // An index that names no category (fractional, past the list, below -1) is read as unseen, like -1.
    const odd = await runOnnx(prepareModel(doc), Float32Array.of(-1, 0.5, 99, -3), 1);
    expect(Array.from(odd.filter((_, i) => i % 2 === 0))).toEqual([onnx[0], onnx[0], onnx[0], onnx[0]]);
  });
});
