/** How the caller steers a running loop; each is polled between batches. */
export interface LoopControl {
  /** True ends training after the current batch. */
  shouldStop: () => boolean;
  /** True holds the loop between batches, keeping every weight and optimizer state, until false. */
  isPaused?: () => boolean;
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
  return new Promise((resolve) => setTimeout(resolve, ms));
}
