import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelFiles } from '../core/deploy/model-doc.ts';
import { parseModelJson } from '../core/deploy/predict/model-doc-parse.ts';
import { KilnError } from '../core/errors.ts';

/**
 * Where SageMaker unpacks model.tar.gz inside a hosting container.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html
 */
export const sagemakerModelDir = '/opt/ml/model';

const docName = 'preprocessing.json';

/**
 * The directory holding a Kiln model: `dir` itself when it has preprocessing.json, otherwise
 * exactly one `<name>/kiln/` below it, which is where Kiln's SageMaker tarball puts the TF.js
 * model (next to the Triton files `<name>/config.pbtxt` and `<name>/1/model.onnx`).
 *
 * await findModelDir('/opt/ml/model') // → '/opt/ml/model/iris/kiln'
 */
export async function findModelDir(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new KilnError(`model directory not found; pass the model/ folder that 'kiln run' wrote`, { file: dir });
  if (!info.isDirectory()) throw new KilnError(`is not a directory; pass the model/ folder that 'kiln run' wrote`, { file: dir });
  if (await isFile(join(dir, docName))) return dir;
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && (await isFile(join(dir, entry.name, 'kiln', docName)))) found.push(join(dir, entry.name, 'kiln'));
  }
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new KilnError(`holds ${found.length} Kiln models (${found.join(', ')}); pass the one to use`, { file: dir });
  throw new KilnError(`has no ${docName} (nor one in a <name>/kiln/ folder); pass the model/ folder that 'kiln run' wrote`, { file: dir });
}

/**
 * Reads a model directory (found with findModelDir) into memory: preprocessing.json, model.json
 * and the weight files model.json lists.
 *
 * await readModelDir('out/iris/model') // → { dir: 'out/iris/model', files: { 'model.json': …, 'weights.bin': …, 'preprocessing.json': … } }
 */
export async function readModelDir(path: string): Promise<{ dir: string; files: ModelFiles }> {
  const dir = await findModelDir(path);
  const read = async (name: string) => {
    const bytes = await readFile(join(dir, name)).catch(() => {
      throw new KilnError(`has no ${name}; a Kiln model directory holds model.json, weights.bin and preprocessing.json`, { file: dir });
    });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const files: ModelFiles = { [docName]: await read(docName), 'model.json': await read('model.json') };
  for (const name of parseModelJson(files['model.json'], join(dir, 'model.json')).weightPaths) files[name] = await read(name);
  return { dir, files };
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}
