import type { TableModelDoc } from '../../../../src/core/deploy/model-doc.ts';
import { encodeModel, OnnxGraph } from '../../../../src/core/deploy/onnx/graph.ts';
import type { SageMakerPackageInput } from '../../../../src/core/deploy/sagemaker/index.ts';
import { classificationMetrics } from '../../../../src/core/evaluate/classification.ts';
import type { Preprocessor } from '../../../../src/core/prepare/preprocess.ts';
import { defaultSpec } from '../../../../src/core/spec/validate.ts';
import type { SplitMetrics } from '../../../../src/core/train/protocol.ts';

export const classes = ['Adelie', 'Gentoo', 'Chinstrap'];

/** A penguins-like table model: a number, a category and a number in, three classes out. */
export function penguinDoc(target = 0.9): TableModelDoc {
  const spec = defaultSpec('penguins.csv', 'species');
  return {
    kiln: 1,
    kind: 'table',
    task: 'classification',
    label: 'species',
    classes,
    fields: ['bill_length_mm', 'island', 'flipper_length_mm'],
    schema: [
      { name: 'bill_length_mm', type: 'numeric', min: 32.1, max: 59.6 },
      { name: 'island', type: 'categorical', categories: ['Biscoe', 'Dream', "Torgersen's"] },
      { name: 'flipper_length_mm', type: 'numeric', min: 172, max: 231 },
    ],
    inputs: ['bill_length_mm', 'island=Biscoe', 'island=Dream', "island=Torgersen's", 'flipper_length_mm'],
    prepare: [],
    // Only carried through to manifest.json here; its contents are the preprocess tests' business.
    preprocessor: { version: 1, features: [], label: { kind: 'classes', classes }, width: 5 } as unknown as Preprocessor,
    spec: { ...spec, goal: { objective: 'tell species apart', metric: 'accuracy', target } },
  };
}

/** A real ONNX graph, softmax(x·W), [batch, 3] → [batch, 3], with the names Triton must use. */
export function tinyOnnx(): { bytes: Uint8Array; input: string; output: string } {
  const g = new OnnxGraph();
  const w = g.constant('w', [0.1, 0, -0.1, 0, 1, 0, -0.01, 0, 0.02], [3, 3]);
  const output = g.op('Softmax', [g.op('MatMul', ['raw_input', w])], { axis: { i: -1 } }, 'probabilities');
  const bytes = encodeModel(g, { input: { name: 'raw_input', dims: [-1, 3] }, output: { name: output, dims: [-1, 3] }, name: 'tiny' });
  return { bytes, input: 'raw_input', output };
}

export const testMetrics: SplitMetrics = {
  task: 'classification',
  metrics: { ...classificationMetrics([], [], classes), accuracy: 0.95, precisionMacro: 0.94, recallMacro: 0.93, f1Macro: 0.935, perClass: [], confusion: [[1]] },
};

/** A complete package input around the tiny model. */
export function packageInput(overrides: Partial<SageMakerPackageInput> = {}): SageMakerPackageInput {
  const onnx = tinyOnnx();
  const enc = (s: string) => new TextEncoder().encode(s);
  return {
    name: 'Penguins (v2)',
    doc: penguinDoc(),
    modelFiles: {
      'model.json': enc('{"format":"layers-model"}'),
      'weights.bin': Uint8Array.from({ length: 1500 }, (_, i) => (i * 37) % 256),
      'preprocessing.json': enc('{"kiln":1}'),
    },
    onnx: onnx.bytes,
    signature: { input: { name: onnx.input, dims: [3] }, output: { name: onnx.output, dims: [3] } },
    metrics: { validation: null, test: testMetrics },
    createdAt: '2025-01-02T03:04:05.000Z',
    fingerprint: '0123456789abcdef',
    kilnVersion: '0.1.0',
    ...overrides,
  };
}
