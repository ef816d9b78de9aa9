import type { LoopCheckpoints } from './resume.ts';

/** How the caller steers a running loop: stop and pause are polled between batches, the budget at epoch ends. */
export interface LoopControl {
  /** True ends training after the current batch. */
  shouldStop: () => boolean;
  /** True holds the loop between batches, keeping every weight and optimizer state, until false. */
  isPaused?: () => boolean;
  /**
   * Training time to aim for when the user left `train.epochs` to Kiln: the run also ends once the
   * epochs so far say the next would pass it (src/core/train/epoch-budget.ts). Unset: `train.epochs` holds.
   */
  epochBudgetMs?: number;
  /** Called once, with a line for the user, when the budget shortens the run. */
  onNote?: (message: string) => void;
  /** Saving checkpoints after epochs, and the one to go on from (see resume.ts). */
  checkpoints?: LoopCheckpoints;
}

let lastYield = 0;

/**
 * Lets the worker's event loop run at most every 50 ms. On the CPU backend a whole epoch can run
 * in microtasks alone, and then a Stop or Pause message from the page would wait until training ended.
 */
export async function yieldToMessages(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < 50) return;
  lastYield = now;
  await sleep(0);
}

/** Waits between batches while paused; returns the milliseconds spent paused. */
export async function holdWhilePaused(control: LoopControl): Promise<number> {
  if (!control.isPaused?.()) return 0;
  const start = performance.now();
  while (control.isPaused() && !control.shouldStop()) await sleep(50);
  return performance.now() - start;
}

function sleep(ms: number): Promise<void> {
  if (ms === 0) return nextTask();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// setTimeout(0) is clamped to 4 ms once nested, which 20 yields a second would pay every second;
// setImmediate (Node) and a MessageChannel (browsers, workers) give the next task at once.
const channel = typeof setImmediate === 'function' || typeof MessageChannel === 'undefined' ? null : new MessageChannel();
const waiting: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => waiting.shift()?.();

/** Resolves in a new task, after messages already queued (Stop, Pause) have been handled. */
function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}
