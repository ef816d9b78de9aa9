import type { ModelSpec, TaskKind } from '../spec/schema.ts';
import { defaultSpec } from '../spec/validate.ts';
import type { EpochLogs, ModelCandidate, ModelChoice } from './protocol.ts';

/**
 * Most training rows for which the default table model also trains a linear candidate. Up to here
 * the second, smaller model costs little: measured on the CPU backend, 5,000 rows × 10 features
 * train both candidates in under a second; on a GPU backend, whose steps cost about the same for
 * any small model, it adds a run of about the MLP's length. And this is where a linear model can
 * still win: with more rows the MLP's extra capacity nearly always does, and doubling a long run
 * on a GPU would no longer be cheap.
 */
export const modelChoiceMaxRows = 5000;

/** What decides whether a run compares its MLP with a linear model. */
export interface ChoiceContext {
  kind: 'table' | 'images';
  task: TaskKind;
  trainRows: number;
  validationRows: number;
}

// The shorthand fields a table model uses; equal to their defaults means the user chose nothing.
const shorthand = (m: ModelSpec) => JSON.stringify([m.type, m.hidden, m.activation, m.dropout]);
const defaultShorthand = shorthand(defaultSpec('x', 'y').model);

/**
 * The linear model a default table run also trains, or null when the model is the user's own or
 * the comparison does not apply. It applies to tables when `model.preset` is `auto`, or when there
 * is no preset and the hidden/activation/dropout shorthand is at its defaults (a spec that spells
 * out the defaults is the same spec, so a rerun of a saved spec repeats the choice); never with
 * `model.layers`, without a validation split (the test rows are never looked at), or above
 * `modelChoiceMaxRows` training rows.
 *
 * linearAlternative(defaultSpec('iris.csv', 'species').model, { kind: 'table', task: 'classification', trainRows: 105, validationRows: 22 })
 * // → { …model, preset: 'logistic' }
 */
export function linearAlternative(model: ModelSpec, ctx: ChoiceContext): ModelSpec | null {
  if (ctx.kind !== 'table' || model.layers) return null;
  const automatic = model.preset === 'auto' || (model.preset === undefined && shorthand(model) === defaultShorthand);
  if (!automatic || ctx.validationRows === 0 || ctx.trainRows > modelChoiceMaxRows) return null;
  return { ...model, preset: ctx.task === 'classification' ? 'logistic' : 'linear' };
}

/**
 * The validation loss of the weights a run kept: the best epoch's when restore-best put it back,
 * else the last epoch's. Null when no epoch was scored on validation rows.
 */
export function keptValLoss(history: readonly EpochLogs[], bestEpoch?: number): number | null {
  const kept = bestEpoch !== undefined ? history.find((h) => h.epoch === bestEpoch) : history.at(-1);
  return kept?.valLoss ?? null;
}

/** Mean and standard error of the row-by-row difference a − b (same rows, same order). */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; se: number } {
  const n = a.length;
  if (n === 0 || b.length !== n) return { mean: NaN, se: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i] - b[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i] - b[i] - mean) ** 2;
  return { mean, se: n > 1 ? Math.sqrt(ss / (n - 1) / n) : Infinity };
}

/**
 * Which candidate to keep, of the spec's MLP (first) and the simpler linear model (last): the
 * linear one unless the MLP's validation loss is lower by more than one standard error of the
 * row-by-row difference (the one-standard-error rule, Hastie et al., ESL §7.10). A lower mean on a
 * few dozen validation rows is mostly noise, and the simpler model then generalises as well or
 * better. Without per-row losses: the lowest validation loss, the MLP on a tie.
 *
 * pickCandidate([mlp, logistic], [[0.02, 0.10], [0.03, 0.12]]) // → { index: 1, difference: { mean: 0.015, se: 0.005 } }
 */
export function pickCandidate(candidates: readonly ModelCandidate[], rows?: readonly ArrayLike<number>[]): { index: number; difference?: ModelChoice['difference'] } {
  const last = candidates.length - 1;
  if (rows && candidates.length === 2) {
    const difference = pairedDifference(rows[last], rows[0]);
    if (Number.isFinite(difference.mean)) return { index: difference.mean <= difference.se ? last : 0, difference };
  }
  let best = 0;
  for (const [i, c] of candidates.entries()) {
    const incumbent = candidates[best].valLoss;
    if (c.valLoss !== null && incumbent !== null && c.valLoss < incumbent) best = i;
  }
  return { index: best };
}

const names: Record<ModelCandidate['preset'], string> = { mlp: 'the MLP', linear: 'linear regression', logistic: 'logistic regression' };
const loss = (c: ModelCandidate) => (c.valLoss === null ? 'not scored' : c.valLoss.toFixed(4));
const possessive = (c: ModelCandidate) => (c.preset === 'mlp' ? "the MLP's" : `${names[c.preset]}'s`);

/**
 * The choice in one line, for the runner and the Train page.
 *
 * describeModelChoice({ picked: 'linear', candidates: [mlp (0.0483), logistic (0.0563)], difference: { mean: 0.008, se: 0.0091 } })
 * // → "kept logistic regression (validation loss 0.0563; the MLP's 0.0483 is lower by less than one standard error, 0.0091)"
 */
export function describeModelChoice(choice: ModelChoice): string {
  const kept = choice.candidates[choice.picked === 'mlp' ? 0 : choice.candidates.length - 1];
  const other = choice.candidates.find((c) => c !== kept)!;
  const d = choice.difference;
  // One validation row has no spread to judge by (se is infinite, or null once it went through JSON).
  const judged = d && Number.isFinite(d.se);
  const why = choice.picked !== 'linear' || !d || !(d.mean > 0) ? '' : judged ? ` is lower by less than one standard error, ${d.se.toFixed(4)}` : ' is lower on a single validation row, too few to tell them apart';
  return `kept ${names[kept.preset]} (validation loss ${loss(kept)}; ${possessive(other)} ${loss(other)}${why})`;
}
