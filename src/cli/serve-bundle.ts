import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * kiln-serve.mjs for a SageMaker package: this very file when the CLI runs as that bundle (as in
 * Kiln's container), else a fresh build of the source (scripts/bundle-serve.mjs, ~2 s), else the
 * one `npm run build` left in dist/. Undefined when none can be had: the package README then
 * says how to build it.
 */
export async function findServeBundle(): Promise<Uint8Array | undefined> {
  const self = fileURLToPath(import.meta.url);
  if (basename(self) === 'kiln-serve.mjs') return readFile(self);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  try {
    const script = join(root, 'scripts', 'bundle-serve.mjs');
    const { bundleServe } = (await import(script)) as { bundleServe: (outDir: string) => Promise<string> };
    return await readFile(await bundleServe(join(tmpdir(), `kiln-serve-${process.pid}`)));
  } catch {
    return readFile(join(root, 'dist', 'kiln-serve.mjs')).catch(() => undefined);
  }
}
