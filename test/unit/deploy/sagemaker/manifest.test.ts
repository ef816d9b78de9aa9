import { describe, expect, it } from 'vitest';
import { isKilnError } from '../../../../src/core/errors.ts';
import {
  encodeRow,
  fnv1a64,
  kserveRequest,
  manifestSchema,
  modelName,
  resourceNames,
  SAGEMAKER_NAME,
  sagemakerPackage,
  tritonImageUri,
} from '../../../../src/core/deploy/sagemaker/index.ts';
import { packageInput, penguinDoc } from './fixture.ts';

const manifestOf = (files: Record<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, any>;

describe('manifest.json', () => {
  const manifest = manifestOf(sagemakerPackage(packageInput()));

  it('validates against manifestSchema and records what a caller needs', () => {
    const m = manifestSchema.parse(manifest);
    expect(m.input.kind === 'table' && m.input.fields.map((f) => f.name)).toEqual(['bill_length_mm', 'island', 'flipper_length_mm']);
    expect(m.output).toEqual({ kind: 'classification', labels: ['Adelie', 'Gentoo', 'Chinstrap'], values: 'probabilities', onnx: { name: expect.any(String), dims: [3] }, decision: null });
    expect(m.goal).toEqual({ objective: 'tell species apart', metric: 'accuracy', target: 0.9, value: 0.95, met: true });
    expect(m.triton.image).toBe('763104351884.dkr.ecr.us-east-1.amazonaws.com/sagemaker-tritonserver:24.09-py3');
    expect(m.triton.environment).toEqual({ SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: 'Penguins-v2' });
    expect([m.createdAt, m.datasetFingerprint, m.metrics.validation]).toEqual(['2025-01-02T03:04:05.000Z', '0123456789abcdef', null]);
  });

  it('says when the goal was missed', () => {
    const missed = manifestOf(sagemakerPackage(packageInput({ doc: penguinDoc(0.99) })));
    expect(missed.goal).toMatchObject({ target: 0.99, value: 0.95, met: false });
  });

  it('rejects a broken manifest', () => {
    const broken = (patch: (m: Record<string, any>) => void) => {
      const copy = structuredClone(manifest);
      patch(copy);
      return manifestSchema.safeParse(copy).success;
    };
    expect(broken(() => {})).toBe(true);
    expect(broken((m) => (m.version = 2))).toBe(false);
    expect(broken((m) => (m.kilnContainer.ServerlessConfig.MemorySizeInMB = 1500))).toBe(false);
    expect(broken((m) => (m.kilnContainer.ServerlessConfig.MemorySizeInMB = 8192))).toBe(false);
    expect(broken((m) => (m.batchTransform.SplitType = 'None'))).toBe(false);
    expect(broken((m) => (m.name = 'has spaces'))).toBe(false);
    expect(broken((m) => delete m.datasetFingerprint)).toBe(false);
    expect(broken((m) => (m.extra = 1))).toBe(false);
  });
});

describe('encodeRow', () => {
  const m = manifestSchema.parse(manifestOf(sagemakerPackage(packageInput())));

  it('keeps numbers, indexes categories, -1 for unseen, NaN for missing', () => {
    expect(encodeRow(m, ['39.1', 'Dream', ''])).toEqual([39.1, 1, NaN]);
    expect(encodeRow(m, ['39.1', 'Atlantis', ' 181 '])).toEqual([39.1, -1, 181]);
    expect(kserveRequest(m, ['39.1', '', '181'])).toBe(`{"inputs":[{"name":"${m.input.onnx.name}","shape":[1,3],"datatype":"FP32","data":[39.1,NaN,181]}]}`);
  });

  it('names the column of a bad number and counts the cells', () => {
    expect(() => encodeRow(m, ['abc', 'Dream', '1'])).toThrow("column 'bill_length_mm': 'abc' is not a number");
    expect(() => encodeRow(m, ['1'])).toThrow('the row has 1 values; the model takes 3');
  });
});

describe('names and images', () => {
  it('gives the documented Triton account for a region, and a KilnError for an unknown one', () => {
    expect(tritonImageUri('us-west-2')).toBe('763104351884.dkr.ecr.us-west-2.amazonaws.com/sagemaker-tritonserver:24.09-py3');
    expect(tritonImageUri('af-south-1')).toBe('626614931356.dkr.ecr.af-south-1.amazonaws.com/sagemaker-tritonserver:24.09-py3');
    expect(tritonImageUri('cn-north-1')).toBe('727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-tritonserver:24.09-py3');
    let error: unknown;
    try {
      tritonImageUri('mars-1');
    } catch (e) {
      error = e;
    }
    expect(isKilnError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^region: no SageMaker Triton image is published for region 'mars-1'; choose one of: af-south-1/);
  });

  it('makes SageMaker-safe names', () => {
    expect(modelName('Penguins v2 (final)')).toBe('Penguins-v2-final');
    expect(modelName('___')).toBe('kiln-model');
    expect(modelName('x'.repeat(80))).toHaveLength(63);
    expect(modelName(`${'a'.repeat(62)}--b`)).toBe('a'.repeat(62));
    const names = resourceNames('y'.repeat(80), new Uint8Array([1, 2, 3]));
    for (const n of [names.tritonEndpoint, names.kilnModel, `${names.transformStem}-b0123abcd`]) expect(n).toMatch(SAGEMAKER_NAME);
  });

  it('hashes with FNV-1a 64 (published test vectors)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fnv1a64(enc(''))).toBe('cbf29ce484222325');
    expect(fnv1a64(enc('a'))).toBe('af63dc4c8601ec8c');
    expect(fnv1a64(enc('foobar'))).toBe('85944171f73967e8');
  });
});
