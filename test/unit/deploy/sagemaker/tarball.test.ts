import { gunzipSync } from 'fflate';
import { parseTar } from 'nanotar';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { sagemakerPackage, tritonConfig } from '../../../../src/core/deploy/sagemaker/index.ts';
import { packageInput } from './fixture.ts';

/** Reads name, max_batch_size and each input/output's name and dims back out of config.pbtxt. */
function readConfig(text: string) {
  const tensors = (kind: string) =>
    [...text.matchAll(new RegExp(`${kind} \\[\\s*\\{([^}]*)\\}\\s*\\]`, 'g'))].map((m) => ({
      name: /name: "([^"]*)"/.exec(m[1])![1],
      dataType: /data_type: (\w+)/.exec(m[1])![1],
      dims: /dims: \[([^\]]*)\]/.exec(m[1])![1].split(',').map(Number),
    }));
  return {
    name: /^name: "([^"]*)"/m.exec(text)![1],
    backend: /^backend: "([^"]*)"/m.exec(text)![1],
    maxBatchSize: Number(/^max_batch_size: (\d+)/m.exec(text)![1]),
    inputs: tensors('input'),
    outputs: tensors('output'),
  };
}

describe('model.tar.gz', () => {
  const input = packageInput();
  const files = sagemakerPackage(input);
  const entries = parseTar(gunzipSync(files['model.tar.gz']));
  const byName = new Map(entries.map((e) => [e.name, e]));

  it('holds exactly the Triton model folder with kiln/ inside it, and no top-level config.pbtxt', () => {
    expect(entries.map((e) => e.name)).toEqual([
      'Penguins-v2/',
      'Penguins-v2/config.pbtxt',
      'Penguins-v2/1/',
      'Penguins-v2/1/model.onnx',
      'Penguins-v2/kiln/',
      'Penguins-v2/kiln/manifest.json',
      'Penguins-v2/kiln/model.json',
      'Penguins-v2/kiln/preprocessing.json',
      'Penguins-v2/kiln/weights.bin',
    ]);
    expect(entries.filter((e) => e.name.endsWith('/')).map((e) => e.type)).toEqual(['directory', 'directory', 'directory']);
    expect(entries.some((e) => e.name === 'config.pbtxt' || e.name === './config.pbtxt')).toBe(false);
  });

  it('round-trips every file byte for byte, with fixed owner, modes and times', () => {
    // Plain Uint8Array copies: onnx-proto hands back a Node Buffer, which toEqual tells apart.
    const bytes = (path: string) => new Uint8Array(byName.get(path)!.data!);
    expect(bytes('Penguins-v2/1/model.onnx')).toEqual(new Uint8Array(input.onnx));
    for (const [file, data] of Object.entries(input.modelFiles)) expect(bytes(`Penguins-v2/kiln/${file}`)).toEqual(data);
    expect(bytes('Penguins-v2/kiln/manifest.json')).toEqual(files['manifest.json']);
    const attrs = byName.get('Penguins-v2/kiln/weights.bin')!.attrs!;
    expect([attrs.mode, attrs.uid, attrs.gid, attrs.mtime]).toEqual(['0000644', 0, 0, Date.UTC(2000, 0, 1) / 1000]);
    expect(byName.get('Penguins-v2/')!.attrs!.mode).toBe('0000755');
  });

  it('is the same bytes for the same model and different bytes for a different one', () => {
    expect(sagemakerPackage(packageInput())['model.tar.gz']).toEqual(files['model.tar.gz']);
    const other = sagemakerPackage(packageInput({ fingerprint: 'ffffffffffffffff' }))['model.tar.gz'];
    expect(other).not.toEqual(files['model.tar.gz']);
  });

  it('writes config.pbtxt whose names and dims are the signature and the ONNX graph', async () => {
    const config = readConfig(byName.get('Penguins-v2/config.pbtxt')!.text);
    expect(config).toEqual({
      name: 'Penguins-v2',
      backend: 'onnxruntime',
      maxBatchSize: 64,
      inputs: [{ name: 'raw_input', dataType: 'TYPE_FP32', dims: [3] }],
      outputs: [{ name: input.signature.output.name, dataType: 'TYPE_FP32', dims: [3] }],
    });
    const session = await ort.InferenceSession.create(byName.get('Penguins-v2/1/model.onnx')!.data!);
    expect(session.inputNames).toEqual(config.inputs.map((t) => t.name));
    expect(session.outputNames).toEqual(config.outputs.map((t) => t.name));
    // Triton prepends the batch dimension when max_batch_size > 0; the graph's first dim is the dynamic one.
    const meta = session.inputMetadata[0] as { shape?: (number | string)[] };
    if (meta.shape) expect(meta.shape).toEqual(['batch', ...config.inputs[0].dims]);
    const x = new ort.Tensor('float32', Float32Array.from([39.1, -1, 181, 50, 1, 200]), [2, 3]);
    const out = (await session.run({ raw_input: x }))[session.outputNames[0]];
    expect(out.dims).toEqual([2, 3]);
  });

  it('refuses dims that include the batch dimension', () => {
    expect(() => tritonConfig('m', { input: { name: 'x', dims: [-1, 3] }, output: { name: 'y', dims: [3] } })).toThrow(/without the batch dimension/);
  });
});
