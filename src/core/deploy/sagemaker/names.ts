/**
 * SageMaker resource names and the short content hash that makes them idempotent: the same
 * model.tar.gz always deploys under the same names, a changed one under new names.
 */

/** SageMaker's pattern for model, endpoint, endpoint-config and transform-job names. */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * A SageMaker-safe name (letters, digits, single dashes; at most `max` characters, ≤ 63).
 *
 * modelName('Penguins v2 (final)') // → 'Penguins-v2-final'
 * modelName('___')                 // → 'kiln-model'
 */
export function modelName(raw: string, max = 63): string {
  const clean = raw
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .slice(0, Math.min(max, 63))
    .replace(/^-+|-+$/g, '');
  return clean || 'kiln-model';
}

/**
 * FNV-1a 64-bit hash of `bytes` as 16 hex digits. Not cryptographic: it tells a changed file
 * from an unchanged one, which is all names and fingerprints need, and it runs synchronously in
 * the browser and Node alike (crypto.subtle is async and absent on plain http pages).
 *
 * fnv1a64(new TextEncoder().encode('a')) // → 'af63dc4c8601ec8c'
 */
export function fnv1a64(bytes: Uint8Array): string {
  // 64-bit state as two 32-bit halves; prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ bytes[i]) >>> 0;
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (hi * 0x1b3 + ((lo << 8) >>> 0) + carry) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * The dataset fingerprint recorded in manifest.json: FNV-1a 64 over the training file's bytes.
 *
 * datasetFingerprint(csvBytes) // → '3f1c0a9e5b7d2e41'
 */
export function datasetFingerprint(bytes: Uint8Array): string {
  return fnv1a64(bytes);
}

/** Names of everything deploy.sh creates, derived from the model name and model.tar.gz's hash. */
export interface ResourceNames {
  /** First 8 hex digits of model.tar.gz's FNV-1a 64. */
  hash: string;
  tritonModel: string;
  kilnModel: string;
  tritonEndpoint: string;
  kilnEndpoint: string;
  /** Transform jobs add `-b<8 hex of the input URI>` to this stem. */
  transformStem: string;
}

/**
 * Resource names for a model: `<name>-<hash>-triton` and `<name>-<hash>-kiln`, each ≤ 63 characters
 * (endpoints and endpoint configs share the endpoint's name; they are separate namespaces).
 *
 * resourceNames('iris', tarball).tritonEndpoint // → 'iris-1a2b3c4d-triton'
 */
export function resourceNames(name: string, tarball: Uint8Array): ResourceNames {
  const hash = fnv1a64(tarball).slice(0, 8);
  // 63 − "-" − 8 hash − "-triton" (7) − room for the transform job's "-b" + 8 hex (10).
  const base = `${modelName(name, 36)}-${hash}`;
  return {
    hash,
    tritonModel: `${base}-triton`,
    kilnModel: `${base}-kiln`,
    tritonEndpoint: `${base}-triton`,
    kilnEndpoint: `${base}-kiln`,
    transformStem: `${base}-kiln`,
  };
}
