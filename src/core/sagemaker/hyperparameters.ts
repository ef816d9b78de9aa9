import { KilnError } from '../errors.ts';
import { pipelineSpecSchema, type PipelineSpec } from '../spec/schema.ts';
import { validateSpec } from '../spec/validate.ts';

/** The file SageMaker writes the job's hyperparameters to (see contract.ts). */
const FILE = 'hyperparameters.json';

/**
 * Keys SageMaker adds on its own: automatic model tuning passes `_tuning_objective_metric`, and
 * the SageMaker Python SDK `sagemaker_*` settings. They are not spec fields.
 */
const reserved = /^(_|sagemaker_)/;
const pathPattern = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** True when the hyperparameters come from a tuning job (it adds the objective's name). */
export function isTuningTrial(raw: Record<string, string>): boolean {
  return Object.hasOwn(raw, '_tuning_objective_metric');
}

/**
 * Reads hyperparameters.json's object: every value must be a string, as SageMaker writes them.
 *
 * readHyperparameters({ 'train.learningRate': '0.01' }) // → { 'train.learningRate': '0.01' }
 */
export function readHyperparameters(json: unknown): Record<string, string> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new KilnError('must be a JSON object of name → string value', { file: FILE });
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== 'string') throw new KilnError(`must be a string, as SageMaker passes every hyperparameter (got ${JSON.stringify(value)})`, { file: FILE, path: key });
    out[key] = value;
  }
  return out;
}

/**
 * A hyperparameter's value: JSON when it reads as JSON (`0.01` → 0.01, `[32,16]` → [32, 16],
 * `true`), else the text itself (`adam`). `alternative` is the text when JSON gave a non-string,
 * tried if the spec wants text there (a class named `1`).
 */
function parseValue(text: string): { value: unknown; alternative?: string } {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? { value } : { value, alternative: text };
  } catch {
    return { value: text };
  }
}

/**
 * The spec with each hyperparameter written at its dotted path (e.g. `train.learningRate`),
 * checked against the spec schema. A key the spec does not have, or a value it refuses, is a
 * KilnError naming the key; SageMaker's own keys are skipped.
 *
 * applyHyperparameterStrings({ version: 1, data: { source: 'x.csv', label: 'y' } }, { 'train.learningRate': '0.01' }).train.learningRate // → 0.01
 */
export function applyHyperparameterStrings(specInput: unknown, raw: Record<string, string>): PipelineSpec {
  const keys = Object.keys(raw).filter((k) => !reserved.test(k));
  for (const key of keys) {
    if (!pathPattern.test(key)) throw new KilnError('is not a spec field: use a dotted path such as train.learningRate', { file: FILE, path: key });
    if (key === 'data.source') throw new KilnError("is set by the job: the data is the 'train' channel", { file: FILE, path: key });
    if (key === 'tuning' || key.startsWith('tuning.')) throw new KilnError("is the tuning job's to set: SageMaker runs the search, each training job trains one trial", { file: FILE, path: key });
  }
  const parsed = new Map(keys.map((k) => [k, parseValue(raw[k])]));
  const attempt = (useText: ReadonlySet<string>) => {
    const spec = structuredClone(specInput) as Record<string, unknown>;
    for (const key of keys) {
      const p = parsed.get(key)!;
      setPath(spec, key, useText.has(key) ? p.alternative : p.value);
    }
    return spec;
  };
  let spec = attempt(new Set());
  let problems = issuesByKey(spec, keys);
  // A value read as JSON that the spec refuses gets one more try as plain text, kept only if that fixes it.
  const retry = new Set([...problems.keys()].filter((k) => parsed.get(k)?.alternative !== undefined));
  if (retry.size > 0) {
    const again = issuesByKey(attempt(retry), keys);
    const fixed = new Set([...retry].filter((k) => !again.has(k)));
    if (fixed.size > 0) {
      spec = attempt(fixed);
      problems = issuesByKey(spec, keys);
    }
  }
  const [first] = problems;
  if (first) throw new KilnError(`${first[1]} (got '${raw[first[0]]}')`, { file: FILE, path: first[0] });
  const checked = validateSpec(spec);
  if (!checked.ok) throw new KilnError(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '), { file: FILE });
  return checked.spec;
}

/** Writes `value` at a dotted path, creating sections the input left out (they have defaults). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const child = node[part];
    if (child === undefined) node[part] = {};
    else if (child === null || typeof child !== 'object' || Array.isArray(child)) {
      throw new KilnError(`is not a spec field: ${parts.slice(0, i + 1).join('.')} is a value, not a section`, { file: FILE, path });
    }
    node = node[part] as Record<string, unknown>;
  });
}

/**
 * Schema problems that concern a hyperparameter, keyed by it: at its path, inside its value
 * (model.hidden.0), in the section it belongs to (split's sum), or an unknown name on its way.
 */
function issuesByKey(spec: unknown, keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const parsed = pipelineSpecSchema.safeParse(spec);
  if (parsed.success) return out;
  const described = validateSpec(spec);
  const messages = described.ok ? [] : described.issues;
  parsed.error.issues.forEach((issue, i) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const name of issue.keys) {
        const path = at ? `${at}.${name}` : name;
        const key = keys.find((k) => k === path || k.startsWith(`${path}.`));
        if (key && !out.has(key)) out.set(key, `is not a spec field (${at || 'the spec'} has no '${name}')`);
      }
      return;
    }
    const key = keys.find((k) => k === at || at.startsWith(`${k}.`) || (at !== '' && k.startsWith(`${at}.`)));
    if (key && !out.has(key)) out.set(key, messages[i]?.message ?? issue.message);
  });
  return out;
}
