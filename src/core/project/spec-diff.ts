/** One setting that differs between two specs. */
export interface SpecChange {
  /** Dotted path, e.g. `train.learningRate` or `model.hidden`. */
  path: string;
  /** JSON text of each side's value; undefined where the setting is absent. */
  before: string | undefined;
  after: string | undefined;
}

/**
 * The settings that differ between two specs, by dotted path, in path order. Arrays compare whole
 * (a changed layer list is one change, not one per index).
 *
 * diffSpecs(a, b) // → [{ path: 'train.learningRate', before: '0.005', after: '0.02' }]
 */
export function diffSpecs(a: unknown, b: unknown): SpecChange[] {
  const left = flatten(a);
  const right = flatten(b);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths.filter((p) => left.get(p) !== right.get(p)).map((path) => ({ path, before: left.get(path), after: right.get(path) }));
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix || '(spec)', JSON.stringify(value));
  }
  return out;
}
