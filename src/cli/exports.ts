import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModelFiles } from '../core/deploy/model-doc.ts';
import type { ExportFormat } from './args.ts';

/** Writes each asked-for export under `<outDir>/export/<format>/`; returns the paths written. */
export async function writeExports(outDir: string, formats: readonly ExportFormat[], modelFiles: ModelFiles): Promise<string[]> {
  const written: string[] = [];
  for (const format of formats) {
    const files = exporters[format](modelFiles);
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(outDir, 'export', format, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      written.push(path);
    }
  }
  return written;
}

const exporters: Record<ExportFormat, (model: ModelFiles) => ModelFiles> = {
  // The TF.js export is the model directory itself: model.json, weights.bin, preprocessing.json.
  tfjs: (model) => model,
  onnx: () => {
    throw new Error('ONNX export is not wired into the runner yet');
  },
  sagemaker: () => {
    throw new Error('SageMaker export is not wired into the runner yet');
  },
};
