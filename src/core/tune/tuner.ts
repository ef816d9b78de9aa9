import type { Direction, Point, StrategyName } from './schema.ts';

/** One training run to perform. */
export interface Trial {
  /** 1, 2, 3, … in the order trials were proposed. */
  id: number;
  hyperparameters: Point;
  /** Hyperband only: train to this many epochs (overrides `train.epochs`). */
  epochs?: number;
  /** Hyperband only: the previous rung's trial of the same hyperparameters; a runner may continue its weights. */
  resumeFrom?: number;
  /** Hyperband only: which bracket and rung (0 = the cheapest) the trial belongs to. */
  bracket?: number;
  rung?: number;
}

/** How a trial ended: `stopped` still has a valid objective (e.g. early stopping); `failed` has none. */
export type TrialStatus = 'completed' | 'failed' | 'stopped';

/** What the runner reports back for a trial. */
export interface TrialResult {
  objective: number;
  /** Epochs actually trained. */
  epochs: number;
  status: TrialStatus;
}

/** A proposed trial and, once reported, its result. */
export interface TrialRecord {
  trial: Trial;
  result?: TrialResult;
}

/** The one interface every strategy implements. */
export interface Tuner {
  readonly strategy: StrategyName;
  /** The next trial to run, or null when none can start now (see `done`). */
  next(): Trial | null;
  /** Records a trial's result; each proposed trial is reported exactly once. */
  report(id: number, result: TrialResult): void;
  /**
   * True when no trial is running and none will be proposed (maxTrials reached, or `next` found
   * nothing left). While false, a null from `next` means "wait for a running trial to report".
   */
  done(): boolean;
  /** Every trial so far, in proposal order (copies). */
  history(): TrialRecord[];
}

/**
 * A strategy's proposal: a trial without its id (it becomes trial history.length + 1, and is always
 * accepted); `wait` until a running trial reports; `exhausted` when the strategy has nothing left.
 */
export type Proposal = Omit<Trial, 'id'> | 'wait' | 'exhausted';

/**
 * Wraps a strategy's `propose` with the bookkeeping every strategy shares: ids, the maxTrials
 * cap, report checks and history.
 */
export function makeTuner(strategy: StrategyName, maxTrials: number, propose: (history: readonly TrialRecord[]) => Proposal): Tuner {
  const records: TrialRecord[] = [];
  let exhausted = false;
  const running = () => records.some((r) => !r.result);
  return {
    strategy,
    next() {
      if (exhausted || records.length >= maxTrials) return null;
      const proposal = propose(records);
      if (proposal === 'exhausted') exhausted = true;
      if (typeof proposal === 'string') return null;
      const trial: Trial = { id: records.length + 1, ...proposal };
      records.push({ trial });
      return structuredClone(trial);
    },
    report(id, result) {
      const record = records[id - 1];
      // Misuse by the runner is a bug in Kiln, not a user error: plain Error.
      if (!record) throw new Error(`tuner: no trial ${id} was proposed`);
      if (record.result) throw new Error(`tuner: trial ${id} was already reported`);
      record.result = { ...result };
    },
    done: () => (exhausted || records.length >= maxTrials) && !running(),
    history: () => structuredClone(records),
  };
}

/**
 * True when a record has a result that may count: reported, not failed, finite objective.
 *
 * isUsable({ trial, result: { objective: NaN, epochs: 3, status: 'completed' } }) // → false
 */
export function isUsable(record: TrialRecord): record is TrialRecord & { result: TrialResult } {
  return !!record.result && record.result.status !== 'failed' && Number.isFinite(record.result.objective);
}

/**
 * The best usable trial (failed and unfinished ones never win; the earliest wins a tie), or null.
 *
 * bestTrial([{ trial: t1, result: { objective: 0.9, … } }, { trial: t2, result: { objective: 0.8, … } }], 'minimize')
 * // → the record of t2
 */
export function bestTrial(history: readonly TrialRecord[], direction: Direction): TrialRecord | null {
  let best: (TrialRecord & { result: TrialResult }) | null = null;
  for (const record of history) {
    if (!isUsable(record)) continue;
    const o = record.result.objective;
    if (!best || (direction === 'maximize' ? o > best.result.objective : o < best.result.objective)) best = record;
  }
  return best;
}
