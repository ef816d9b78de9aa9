import type { TrainEvent } from './protocol.ts';

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

/** `count` with its noun, plural unless exactly one: "1 epoch", "2 epochs", "1 image". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

/** How a coalescer tells the time and sets its one trailing timer (injectable for tests). */
export interface CoalesceClock {
  now: () => number;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

const realClock: CoalesceClock = {
  now: () => performance.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** A run's events, held and sent on at a display's pace. */
export interface EventCoalescer {
  push: (event: TrainEvent) => void;
  /** Sends whatever is held now (call before the run's result goes back). */
  flush: () => void;
}

/**
 * Sends a run's events on at most once every `intervalMs`, so thousands of fast epochs cost the
 * page a few messages a second: epoch logs are batched into one `epoch` event (the latest in `logs`,
 * the ones before it in `earlier`), progress keeps only its latest, and anything else (rare: a
 * warning, the backend, `done`) goes at once, after what was held, so the order is kept.
 *
 * const c = coalesceEvents(post, 100); c.push(epoch1); c.push(epoch2) // → one post: { logs: epoch2, earlier: [epoch1] }
 */
export function coalesceEvents(send: (event: TrainEvent) => void, intervalMs: number, clock: CoalesceClock = realClock): EventCoalescer {
  let epochs: Extract<TrainEvent, { status: 'epoch' }>[] = [];
  let progress: TrainEvent | null = null;
  let lastSent = -Infinity;
  let timer: unknown = null;

  const flush = () => {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
    if (epochs.length > 0) {
      const logs = epochs.flatMap((e) => [...(e.earlier ?? []), e.logs]);
      const last = epochs[epochs.length - 1];
      send(logs.length > 1 ? { ...last, logs: logs[logs.length - 1], earlier: logs.slice(0, -1) } : last);
    }
    if (progress) send(progress);
    if (epochs.length > 0 || progress) lastSent = clock.now();
    epochs = [];
    progress = null;
  };

  return {
    flush,
    push(event) {
      if (event.status === 'epoch') {
        epochs.push(event);
        progress = null; // a finished epoch supersedes progress within it
      } else if (event.status === 'progress') progress = event;
      else {
        flush();
        send(event);
        return;
      }
      const wait = lastSent + intervalMs - clock.now();
      if (wait <= 0) flush();
      else if (timer === null) timer = clock.setTimer(flush, wait);
    },
  };
}

/**
 * Which of `n` points to draw when a chart shows at most `max`: every k-th, the last, and the
 * indices in `keep` (a marked epoch), in order. A 10,000-epoch curve costs the page no more than 1,000.
 *
 * thinIndices(10, 4, [5]) // → [0, 3, 5, 6, 9]
 */
export function thinIndices(n: number, max: number, keep: readonly number[] = []): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil(n / max);
  const picked = new Set<number>();
  for (let i = 0; i < n; i += step) picked.add(i);
  picked.add(n - 1);
  for (const k of keep) if (k >= 0 && k < n) picked.add(k);
  return [...picked].sort((a, b) => a - b);
}

/**
 * A number for a chart legend or axis to four significant digits, so small losses never read "0".
 *
 * formatSignificant(0.000123456) // → "0.0001235"
 */
export function formatSignificant(value: number | null | undefined, digits = 4): string {
  if (value == null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return String(Number(value.toPrecision(digits)));
}
