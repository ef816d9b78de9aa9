import * as Comlink from 'comlink';
import type { KilnWorkerApi } from '../../workers/kiln.worker.ts';

/** The worker's API as the page calls it (each call returns a promise). */
export type KilnApi = Comlink.Remote<KilnWorkerApi>;

/**
 * The page's one door to the Kiln worker, where the data and TF.js live. The worker starts on
 * first use; every call is plain data in, plain data (or transferred buffers) out.
 *
 * Long calls take a proxied progress callback; an AbortSignal passed to `cancellable` asks the
 * worker to cancel (training stops after its current batch and keeps the model trained so far).
 */
export class WorkerBridge {
  #worker: Worker | null = null;
  #remote: Comlink.Remote<KilnWorkerApi> | null = null;

  /** The typed remote API; see workers/<stage>/api.ts for the calls. */
  get api(): Comlink.Remote<KilnWorkerApi> {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('../../workers/kiln.worker.ts', import.meta.url), { type: 'module', name: 'kiln' });
      this.#remote = Comlink.wrap<KilnWorkerApi>(this.#worker);
    }
    return this.#remote;
  }

  /** Runs a long call, forwarding `signal`'s abort to the worker's cancel(). */
  async cancellable<T>(signal: AbortSignal | undefined, call: (api: Comlink.Remote<KilnWorkerApi>) => Promise<T>): Promise<T> {
    const api = this.api;
    const cancel = () => void api.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await call(api);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** Ends the worker at once, dropping its data and model; the next call starts a fresh one. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
  }
}

/** A plain, cloneable copy of reactive state ($state proxies cannot be posted). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The bridge the whole app shares. */
export const bridge = new WorkerBridge();
