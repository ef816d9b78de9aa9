import type { PipelineSpec } from '../spec/schema.ts';
import { defaultSpec } from '../spec/validate.ts';

/**
 * The parts of a spec chosen for one data set that mean little for another: what the model is for,
 * how it is judged and built, and how it trains. Data, prepare steps and the split are checked
 * against the new columns elsewhere; the seed and backend belong to the machine, not the data.
 */
export const dataBoundSettings = ['goal', 'task', 'evaluate', 'model', 'train', 'augment', 'tuning'] as const;

/** One of `dataBoundSettings`. */
export type DataBoundSetting = (typeof dataBoundSettings)[number];

/** Names people read for each setting group. */
const groupNames: Record<DataBoundSetting, string> = {
  goal: 'Goal',
  task: 'Task',
  evaluate: 'Decision rule',
  model: 'Model',
  train: 'Training',
  augment: 'Augmentation',
  tuning: 'Tuning',
};

/** A group of settings that differs from the defaults, with up to four of its changed values. */
export interface CarriedSetting {
  group: DataBoundSetting;
  /** e.g. "Training: epochs 5, learning rate 0.02". */
  text: string;
}

/**
 * The data-bound settings of `spec` that are not Kiln's defaults, in words: what a newly loaded
 * data set would inherit from the last one.
 *
 * carriedSettings(digitsSpec) // → [{ group: 'train', text: 'Training: epochs 5, batchSize 32' }]
 */
export function carriedSettings(spec: PipelineSpec): CarriedSetting[] {
  const defaults = defaultSpec(spec.data.source, spec.data.label);
  const out: CarriedSetting[] = [];
  for (const group of dataBoundSettings) {
    const changes = changedLeaves(spec[group], defaults[group], '');
    if (changes.length === 0) continue;
    const shown = changes.slice(0, 4).join(', ') + (changes.length > 4 ? ` and ${changes.length - 4} more` : '');
    out.push({ group, text: `${groupNames[group]}: ${shown}` });
  }
  return out;
}

/**
 * `spec` with its data-bound settings set back to the defaults; everything else kept.
 *
 * resetDataBound(spec).train.epochs // → 200
 */
export function resetDataBound(spec: PipelineSpec): PipelineSpec {
  const defaults = defaultSpec(spec.data.source, spec.data.label);
  const out = structuredClone(spec);
  for (const group of dataBoundSettings) (out as Record<string, unknown>)[group] = structuredClone(defaults[group]);
  return out;
}

/** "epochs 5"-style entries for each leaf of `value` that differs from `base`. */
function changedLeaves(value: unknown, base: unknown, path: string): string[] {
  if (isRecord(value) && isRecord(base)) {
    const keys = [...new Set([...Object.keys(value), ...Object.keys(base)])];
    return keys.flatMap((k) => changedLeaves(value[k], base[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(value) === JSON.stringify(base)) return [];
  if (value === undefined || value === '') return [];
  const text = typeof value === 'string' ? `“${value.length > 40 ? value.slice(0, 39) + '…' : value}”` : JSON.stringify(value);
  return [`${path || 'set'} ${text}`];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
