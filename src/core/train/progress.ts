/** Where a run is: the 1-based epoch in progress and the batches of it done, and the time spent. */
export interface RunPosition {
  epoch: number;
  epochs: number;
  /** Batches finished in the current epoch. */
  batch: number;
  batches: number;
  /** Milliseconds of training so far, pauses excluded. */
  elapsedMs: number;
}

/** Fraction of the run's batches done, 0…1. */
export function runFraction(p: RunPosition): number {
  const total = p.epochs * p.batches;
  return total > 0 ? Math.min(1, ((p.epoch - 1) * p.batches + p.batch) / total) : 0;
}

/**
 * Milliseconds left at the pace so far, or null before there is a pace to go by. It assumes every
 * epoch runs to the end, so early stopping only ever makes it finish sooner.
 *
 * remainingMs({ epoch: 2, epochs: 4, batch: 0, batches: 10, elapsedMs: 1000 }) // → 3000
 */
export function remainingMs(p: RunPosition): number | null {
  const done = runFraction(p);
  if (done <= 0 || p.elapsedMs <= 0) return null;
  return (p.elapsedMs * (1 - done)) / done;
}

/**
 * A duration for people: "45 s", "3 min 20 s", "1 h 5 min".
 *
 * formatDuration(200_000) // → "3 min 20 s"
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
