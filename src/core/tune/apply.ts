import { KilnError } from '../errors.ts';
import type { Point } from './schema.ts';

/**
 * A deep copy of `spec` with each hyperparameter written at its dotted path. Every path must
 * already exist, so pass the spec with defaults filled in; a typo fails here, naming the path,
 * rather than training a model that silently ignored it. Values are not type-checked here:
 * validate the result as a pipeline spec.
 *
 * applyHyperparameters({ train: { learningRate: 0.02 } }, { 'train.learningRate': 0.001 })
 * // → { train: { learningRate: 0.001 } }
 */
export function applyHyperparameters<T extends Record<string, unknown>>(spec: T, point: Point): T {
  const out = structuredClone(spec);
  for (const [path, value] of Object.entries(point)) {
    const keys = path.split('.');
    let node: Record<string, unknown> = out;
    keys.forEach((key, i) => {
      if (!Object.hasOwn(node, key)) {
        const parent = keys.slice(0, i).join('.') || 'the spec';
        const known = Object.keys(node).join(', ');
        throw new KilnError(`is not a field of the spec: ${parent} has no '${key}' (it has ${known})`, {
          path: `tuning.space.${path}`,
        });
      }
      if (i === keys.length - 1) {
        node[key] = Array.isArray(value) ? [...value] : value;
        return;
      }
      const child = node[key];
      if (child === null || typeof child !== 'object' || Array.isArray(child)) {
        throw new KilnError(`is not a field of the spec: ${keys.slice(0, i + 1).join('.')} is a value, not a section`, {
          path: `tuning.space.${path}`,
        });
      }
      node = child as Record<string, unknown>;
    });
  }
  return out;
}
