/** A running job's cumulative work at one moment: steps (batches, chunks) and samples (rows, images). */
export interface WorkCount {
  /** Milliseconds (any clock, the same for both counts). */
  at: number;
  label: string;
  steps: number;
  samples: number;
}

/**
 * Step time and throughput between two readings of the same job; nulls when they cannot be told
 * (no earlier reading, another job, a restarted counter, no time passed or no step done).
 *
 * workRates({ at: 0, label: 'Training', steps: 10, samples: 320 }, { at: 2000, label: 'Training', steps: 50, samples: 1600 })
 * // → { stepMs: 50, samplesPerSec: 640 }
 */
export function workRates(last: WorkCount | null, now: WorkCount): { stepMs: number | null; samplesPerSec: number | null } {
  if (!last || last.label !== now.label || now.steps < last.steps || now.at <= last.at) return { stepMs: null, samplesPerSec: null };
  const ms = now.at - last.at;
  const steps = now.steps - last.steps;
  return { stepMs: steps > 0 ? ms / steps : null, samplesPerSec: ((now.samples - last.samples) * 1000) / ms };
}
