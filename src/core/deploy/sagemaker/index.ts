import { KilnError } from '../../errors.ts';
import type { SplitMetrics } from '../../train/protocol.ts';
import type { ModelDoc, ModelFiles } from '../model-doc.ts';
import { buildAndPushScript, dockerfile, SERVE_BUNDLE } from './container.ts';
import { deployScript } from './deploy-script.ts';
import { invokePy } from './invoke-py.ts';
import { invokeSh } from './invoke-sh.ts';
import { buildManifest } from './manifest.ts';
import { modelName, resourceNames } from './names.ts';
import { packageReadme } from './readme.ts';
import { modelTarball } from './tarball.ts';
import { tritonConfig, type ModelSignature } from './triton-config.ts';

export { manifestSchema, type SageMakerManifest } from './manifest-schema.ts';
export { encodeRow, kserveRequest } from './encode.ts';
export { datasetFingerprint, fnv1a64, modelName, resourceNames, SAGEMAKER_NAME } from './names.ts';
export { TRITON_ACCOUNTS, TRITON_TAG, tritonImageUri } from './triton-image.ts';
export { tritonConfig, type ModelSignature } from './triton-config.ts';
export { deployRequests } from './requests.ts';

/** Everything a SageMaker package is made from. */
export interface SageMakerPackageInput {
  /** Any text; made SageMaker-safe with `modelName`. */
  name: string;
  doc: ModelDoc;
  /** model.json, weights.bin, preprocessing.json. */
  modelFiles: ModelFiles;
  onnx: Uint8Array;
  /** The ONNX graph's input and output; dims without the batch dimension. */
  signature: ModelSignature;
  metrics: { validation?: SplitMetrics | null; test: SplitMetrics };
  /** ISO time, passed in so the same model gives the same bytes. */
  createdAt: string;
  /** Hex digest of the training data, e.g. `datasetFingerprint(bytes)`. */
  fingerprint: string;
  kilnVersion: string;
  /** Region whose Triton image goes in manifest.json; deploy.sh takes any. Default us-east-1. */
  region?: string;
  /** kiln-serve.mjs for the Dockerfile; without it the README says how to build it. */
  serveBundle?: Uint8Array;
}

/** Package files a caller should mark executable (chmod +x, or the zip entry's mode). */
export const SAGEMAKER_EXECUTABLES = ['deploy.sh', 'invoke.sh', 'invoke.py', 'build-and-push.sh'] as const;

/**
 * The SageMaker deployment package: path → bytes, for `<out>/export/sagemaker/` or a zip.
 * Same input, same bytes (fixed tar and gzip times).
 *
 * Object.keys(sagemakerPackage({ name: 'iris', … }))
 * // → ['model.tar.gz', 'manifest.json', 'deploy.sh', 'invoke.sh', 'invoke.py', 'Dockerfile', 'build-and-push.sh', 'README.md']
 */
export function sagemakerPackage(input: SageMakerPackageInput): Record<string, Uint8Array> {
  const name = modelName(input.name);
  for (const required of ['model.json', 'preprocessing.json']) {
    if (!input.modelFiles[required]) throw new KilnError(`the model directory has no ${required}; export the trained model first`, { path: 'modelFiles' });
  }
  const manifest = buildManifest({ ...input, name, region: input.region ?? 'us-east-1' });
  const manifestBytes = text(JSON.stringify(manifest, null, 2) + '\n');
  const tarball = modelTarball(name, {
    config: tritonConfig(name, input.signature),
    onnx: input.onnx,
    kiln: { ...input.modelFiles, 'manifest.json': manifestBytes },
  });
  const names = resourceNames(name, tarball);
  const files: Record<string, Uint8Array> = {
    'model.tar.gz': tarball,
    'manifest.json': manifestBytes,
    'deploy.sh': text(deployScript(manifest, names)),
    'invoke.sh': text(invokeSh(manifest, names)),
    'invoke.py': text(invokePy(manifest, names)),
    Dockerfile: text(dockerfile()),
    'build-and-push.sh': text(buildAndPushScript(manifest)),
    'README.md': text(packageReadme(manifest, names, input.serveBundle !== undefined)),
  };
  if (input.serveBundle) files[SERVE_BUNDLE] = input.serveBundle;
  return files;
}

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
