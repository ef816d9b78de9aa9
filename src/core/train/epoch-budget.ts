// "Defaults that finish": when the user leaves `train.epochs` to Kiln, the schema's ceiling (200)
// is only an upper bound; the run also stops once a time budget is spent, judged from how long the
// epochs so far took. An explicit `train.epochs` is never changed.

/** Training time a default run aims to finish in: a few minutes on a CPU. */
export const defaultEpochBudgetMs = 4 * 60_000;

/** Fewest epochs a budget may cut a run to: enough for the loss to move and the curves to mean something. */
export const minBudgetEpochs = 5;

/**
 * Milliseconds an epoch takes from here on: the mean of the epochs so far, leaving out the first once
 * there are others (it also pays for warm-up: shader compiles, JIT).
 *
 * epochPace([9000, 3000, 3200]) // → 3100
 */
export function epochPace(epochMs: readonly number[]): number {
  const steady = epochMs.length > 1 ? epochMs.slice(1) : epochMs;
  return steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length);
}

/**
 * The epoch to stop after, given the times of the epochs done so far, within `ceiling` and never
 * under `minEpochs` (or the epochs already done).
 *
 * budgetedEpochs({ ceiling: 200, epochMs: [9000, 3000], budgetMs: 240_000 }) // → 2 + floor(228 s / 3 s) = 78
 */
export function budgetedEpochs(p: { ceiling: number; epochMs: readonly number[]; budgetMs: number; minEpochs?: number }): number {
  const done = p.epochMs.length;
  if (done === 0) return p.ceiling;
  const per = epochPace(p.epochMs);
  const spent = p.epochMs.reduce((a, b) => a + b, 0);
  const more = per > 0 ? Math.floor(Math.max(0, p.budgetMs - spent) / per) : p.ceiling;
  return Math.min(p.ceiling, Math.max(p.minEpochs ?? minBudgetEpochs, done + more));
}

/**
 * The one line that says a run was shortened, and how to choose otherwise.
 *
 * budgetNote(78, 200, 240_000, 3000) // → "training stops by epoch 78 of 200 to finish in about 4 min (epochs take 3.0 s here); set train.epochs to choose"
 */
export function budgetNote(epochs: number, ceiling: number, budgetMs: number, epochMs: number): string {
  const budget = budgetMs >= 60_000 ? `${Math.round(budgetMs / 60_000)} min` : `${Math.round(budgetMs / 1000)} s`;
  return `training stops by epoch ${epochs} of ${ceiling} to finish in about ${budget} (epochs take ${(epochMs / 1000).toFixed(1)} s here); set train.epochs to choose`;
}

/**
 * The time budget for a spec as the user wrote it (before defaults are filled in): the default
 * budget when it sets no `train.epochs`, none when it does, so an explicit setting always holds.
 *
 * epochBudgetFor({ version: 1, data: { … } }) // → 240000
 * epochBudgetFor({ version: 1, data: { … }, train: { epochs: 200 } }) // → undefined
 */
export function epochBudgetFor(raw: unknown): number | undefined {
  const train = raw && typeof raw === 'object' ? (raw as { train?: unknown }).train : undefined;
  const set = train !== null && typeof train === 'object' && (train as { epochs?: unknown }).epochs !== undefined;
  return set ? undefined : defaultEpochBudgetMs;
}
