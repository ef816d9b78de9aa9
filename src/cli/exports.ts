import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { exportFiles, type ExportContext } from '../core/deploy/exports.ts';
import type { ModelFiles } from '../core/deploy/model-doc.ts';
import { SAGEMAKER_EXECUTABLES } from '../core/deploy/sagemaker/index.ts';
import type { ExportFormat } from './args.ts';

const executables = new Set<string>(SAGEMAKER_EXECUTABLES);

/**
 * Writes each asked-for export under `<outDir>/export/<format>/` (scripts made executable) and
 * returns the paths written. Every export is built before anything is written, so a refused one
 * (an ONNX-incompatible prepare step, say) leaves no half-written export folder behind.
 */
export async function writeExports(outDir: string, formats: readonly ExportFormat[], model: ModelFiles, ctx: ExportContext): Promise<string[]> {
  const built = formats.map((format) => [format, exportFiles(format, model, ctx)] as const);
  const written: string[] = [];
  for (const [format, files] of built) {
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(outDir, 'export', format, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      if (executables.has(name)) await chmod(path, 0o755);
      written.push(path);
    }
  }
  return written;
}
