import type { ColumnType } from '../../core/collect/table.ts';
import type { PrepareStep } from '../../core/prepare/steps/schema.ts';
import type { PipelineSpec } from '../../core/spec/schema.ts';

/** What a column is for: the model's input, what it predicts, or left out of training. */
export type Role = 'feature' | 'label' | 'ignore';

/**
 * A column's role as the spec says it. Ignoring uses `data.features` (the spec's column
 * selection, applied before any step) rather than a drop step, so the step list stays about
 * transformations and an ignored id column never reaches dropDuplicates.
 */
export function roleOf(spec: PipelineSpec, name: string): Role {
  if (name === spec.data.label) return 'label';
  return spec.data.features && !spec.data.features.includes(name) ? 'ignore' : 'feature';
}

/**
 * `data.features` after setting `name` to feature or ignore; undefined (every column) when
 * nothing is ignored, so a fresh spec stays as short as the user left it.
 */
export function featuresWith(spec: PipelineSpec, all: readonly string[], name: string, role: 'feature' | 'ignore'): string[] | undefined {
  const current = new Set(spec.data.features ?? all.filter((n) => n !== spec.data.label));
  if (role === 'ignore') current.delete(name);
  else current.add(name);
  const kept = all.filter((n) => current.has(n) && n !== spec.data.label);
  return kept.length === all.filter((n) => n !== spec.data.label).length ? undefined : kept;
}

/** The type a column ends up with: its last cast step's, else the detected one. */
export function typeOf(prepare: readonly PrepareStep[], name: string, detected: ColumnType): ColumnType {
  let type = detected;
  for (const s of prepare) if (s.op === 'cast' && s.column === name) type = s.type;
  return type;
}

/**
 * The prepare steps after overriding `name`'s type: its cast steps are removed, and one is
 * added after the leading casts when `type` differs from the detected type.
 */
export function stepsWithType(prepare: readonly PrepareStep[], name: string, type: ColumnType, detected: ColumnType): PrepareStep[] {
  const steps = prepare.filter((s) => !(s.op === 'cast' && s.column === name));
  if (type === detected) return steps;
  const at = steps.findIndex((s) => s.op !== 'cast');
  steps.splice(at < 0 ? steps.length : at, 0, { op: 'cast', column: name, type });
  return steps;
}
