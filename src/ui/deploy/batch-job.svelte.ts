import * as Comlink from 'comlink';
import type { BatchOutcome, BatchProgress } from '../../core/deploy/protocol.ts';
import { bridge, type KilnApi } from '../../lib/bridge.ts';

/** A worker batch job taking a proxied progress callback, as predictBatch and predictImageZip do. */
export type BatchCall = (api: KilnApi, report: (p: BatchProgress) => void) => Promise<BatchOutcome>;

/** The state of one batch-prediction card: running, progress, the finished outcome or the error; Stop cancels in the worker. */
export class BatchJob {
  running = $state(false);
  progress = $state<BatchProgress | null>(null);
  outcome = $state<BatchOutcome | null>(null);
  error = $state<string | null>(null);
  #abort: AbortController | null = null;

  /** Forgets the last result (a new file was chosen). */
  reset(): void {
    [this.outcome, this.error, this.progress] = [null, null, null];
  }

  async start(call: BatchCall): Promise<void> {
    if (this.running) return;
    this.reset();
    this.running = true;
    this.#abort = new AbortController();
    // Returns nothing: whatever it returned would be posted back to the worker, and a $state proxy cannot be.
    const report = Comlink.proxy((p: BatchProgress): void => {
      this.progress = p;
    });
    try {
      this.outcome = await bridge.cancellable(this.#abort.signal, (api) => call(api, report));
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    this.#abort?.abort();
  }
}
