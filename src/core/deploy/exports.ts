import type { SplitMetrics } from '../train/protocol.ts';
import type { ModelDoc, ModelFiles } from './model-doc.ts';
import { exportImageOnnx, exportTableOnnx, onnxSignature } from './onnx/export.ts';
import type { ExportKind } from './protocol.ts';
import { sagemakerPackage } from './sagemaker/index.ts';

/** Kiln's version, written into manifest.json. */
export const kilnVersion = '0.1.0';

/** What the exports are made from besides the model directory. */
export interface ExportContext {
  doc: ModelDoc;
  metrics: { validation?: SplitMetrics | null; test: SplitMetrics };
  /** Digest of the training data (see dataFingerprint). */
  fingerprint: string;
  /** ISO time, so the same model and time give the same bytes. */
  createdAt: string;
  region?: string;
  /** kiln-serve.mjs, the one-file CLI Kiln's container runs, when the caller has it. */
  serveBundle?: Uint8Array;
}

/**
 * The files of one export, path → bytes: `tfjs` is the model directory itself, `onnx` is
 * model.onnx (network and preparation in one graph), `sagemaker` the deployment package. The
 * runner writes them under <out>/export/<kind>/; the page zips them.
 *
 * Object.keys(exportFiles('onnx', model, ctx)) // → ['model.onnx']
 */
export function exportFiles(kind: ExportKind, model: ModelFiles, ctx: ExportContext): ModelFiles {
  if (kind === 'tfjs') return model;
  const onnx = ctx.doc.kind === 'images' ? exportImageOnnx(model) : exportTableOnnx(model);
  if (kind === 'onnx') return { 'model.onnx': onnx };
  return sagemakerPackage({
    name: modelNameOf(ctx.doc),
    doc: ctx.doc,
    modelFiles: model,
    onnx,
    signature: onnxSignature(ctx.doc),
    metrics: ctx.metrics,
    createdAt: ctx.createdAt,
    fingerprint: ctx.fingerprint,
    kilnVersion,
    region: ctx.region,
    serveBundle: ctx.serveBundle,
  });
}

/** A readable model name from the data source: 'data/penguins.csv' → 'kiln-penguins'. */
function modelNameOf(doc: ModelDoc): string {
  const base = doc.spec.data.source.split(/[\\/]/).pop()!.replace(/\.[a-z0-9]+$/i, '');
  return `kiln-${base || 'model'}`;
}
