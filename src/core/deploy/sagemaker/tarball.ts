import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { KilnError } from '../../errors.ts';

/** Fixed mtime (2000-01-01T00:00:00Z, in ms) so the same files always give the same bytes. */
const MTIME = Date.UTC(2000, 0, 1);

/**
 * model.tar.gz as both containers read it once SageMaker has unpacked it into /opt/ml/model:
 *
 *   <name>/config.pbtxt        Triton model configuration
 *   <name>/1/model.onnx        Triton version 1 of the model
 *   <name>/kiln/…              TF.js model directory (model.json, weights.bin, preprocessing.json, manifest.json)
 *
 * No config.pbtxt at the top: SageMaker's Triton launcher exits with "Incorrect directory
 * structure" when /opt/ml/model/config.pbtxt exists and it needs the model folder named by
 * SAGEMAKER_TRITON_DEFAULT_MODEL_NAME (https://github.com/triton-inference-server/server/blob/main/docker/sagemaker/serve).
 * kiln/ is safe inside the model folder: "subdirectories that are not numerically named … will be
 * ignored" (https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_repository.md#model-versions).
 *
 * modelTarball('iris', { config, onnx, kiln: { 'model.json': … } }) // → gzip bytes, same input → same bytes
 */
export function modelTarball(name: string, parts: { config: string; onnx: Uint8Array; kiln: Record<string, Uint8Array> }): Uint8Array {
  for (const file of Object.keys(parts.kiln)) {
    if (!/^[A-Za-z0-9._-]+$/.test(file) || file.startsWith('.')) {
      throw new KilnError(`model file name '${file}' must be a plain file name (letters, digits, . _ -)`, { path: 'modelFiles' });
    }
  }
  const dir = (path: string) => ({ name: `${path}/`, attrs: { mode: '755' } });
  const file = (path: string, data: Uint8Array) => ({ name: path, data, attrs: { mode: '644' } });
  const entries = [
    dir(name),
    file(`${name}/config.pbtxt`, new TextEncoder().encode(parts.config)),
    dir(`${name}/1`),
    file(`${name}/1/model.onnx`, parts.onnx),
    dir(`${name}/kiln`),
    ...Object.keys(parts.kiln)
      .sort()
      .map((f) => file(`${name}/kiln/${f}`, parts.kiln[f])),
  ];
  const long = entries.find((e) => new TextEncoder().encode(e.name).length > 100);
  // ustar keeps names in a 100-byte field; modelName caps names at 63 characters, so this is a bug guard.
  if (long) throw new Error(`tar path too long: ${long.name}`);
  const tar = createTar(entries, { attrs: { uid: 0, gid: 0, user: 'root', group: 'root', mtime: MTIME } });
  // mtime 0 leaves the gzip header's timestamp empty, keeping the bytes reproducible.
  return gzipSync(tar, { level: 9, mtime: 0 });
}
