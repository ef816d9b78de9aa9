import * as Comlink from 'comlink';
import type { KilnWorkerApi } from '../../workers/kiln.worker.ts';

/** The worker's API as the page calls it (each call returns a promise). */
export type KilnApi = Comlink.Remote<KilnWorkerApi>;

/** Why a worker was given up: it stopped answering (crashed, out of memory), or its GPU device was lost. */
export type WorkerLoss = 'crashed' | 'device-lost';

/** A watched call's rejection when its worker died under it; the bridge has already let that worker go. */
export class WorkerLostError extends Error {
  override name = 'WorkerLostError';
  constructor(
    readonly kind: WorkerLoss,
    message: string,
  ) {
    super(message);
  }
}

/** Milliseconds between heartbeats while a watched call runs. */
const pingEveryMs = 1000;

/**
 * The page's one door to the Kiln worker, where the data and TF.js live. The worker starts on
 * first use; every call is plain data in, plain data (or transferred buffers) out.
 *
 * Long calls take a proxied progress callback; an AbortSignal passed to `cancellable` asks the
 * worker to cancel (training stops after its current batch and keeps the model trained so far).
 * A dead worker sends nothing (a terminated or crashed worker fires no event, and its calls never
 * settle), so `watched` calls run under a heartbeat: a ping unanswered for `deadAfterMs` gives the
 * worker up, rejects the call with a WorkerLostError and tells `onLost` listeners.
 */
export class WorkerBridge {
  #worker: Worker | null = null;
  #remote: Comlink.Remote<KilnWorkerApi> | null = null;
  #pending = new Set<(e: WorkerLostError) => void>();
  #listeners = new Set<(e: WorkerLostError) => void>();
  /**
   * Silence after which a worker running a watched call counts as dead. Training yields every
   * 50 ms, but planning a very large table or compiling WebGL shaders holds the worker for seconds.
   */
  deadAfterMs = 20_000;

  /** The typed remote API; see workers/<stage>/api.ts for the calls. */
  get api(): Comlink.Remote<KilnWorkerApi> {
    if (!this.#remote) {
      const worker = new Worker(new URL('../../workers/kiln.worker.ts', import.meta.url), { type: 'module', name: 'kiln' });
      // An uncaught error may or may not have ended the worker: a quick ping tells.
      worker.addEventListener('error', () => void this.#probe(worker, 3000));
      this.#worker = worker;
      this.#remote = Comlink.wrap<KilnWorkerApi>(worker);
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

  /** A cancellable call that also rejects with a WorkerLostError if the worker dies before it ends. */
  watched<T>(signal: AbortSignal | undefined, call: (api: Comlink.Remote<KilnWorkerApi>) => Promise<T>): Promise<T> {
    void this.api; // starts a worker if none runs
    const worker = this.#worker!;
    return new Promise<T>((resolve, reject) => {
      const lost = (e: WorkerLostError) => reject(e);
      this.#pending.add(lost);
      const stop = this.#heartbeat(worker);
      this.cancellable(signal, call)
        .then(resolve, reject)
        .finally(() => {
          stop();
          this.#pending.delete(lost);
        });
    });
  }

  /** Calls `listener` whenever a worker is given up; returns the unsubscribe. */
  onLost(listener: (e: WorkerLostError) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Gives the current worker up: ends it, rejects every watched call, tells the listeners. The next call starts a fresh one. */
  lose(kind: WorkerLoss, message: string): void {
    if (!this.#worker) return;
    this.terminate();
    const error = new WorkerLostError(kind, message);
    for (const reject of [...this.#pending]) reject(error);
    this.#pending.clear();
    for (const listener of this.#listeners) listener(error);
  }

  /**
   * Ends the worker the way a crash does: at once, with no message to the page, which then has to
   * notice by itself. Only for fault drills and the browser test (window.kilnFaults).
   */
  crashForTest(): void {
    this.#worker?.terminate();
  }

  /** Ends the worker at once, dropping its data and model; the next call starts a fresh one. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
  }

  /** Pings `worker` every second while a watched call runs; gives it up once a ping goes unanswered for deadAfterMs. */
  #heartbeat(worker: Worker): () => void {
    let sentAt: number | null = null;
    const remote = this.#remote!;
    const timer = setInterval(() => {
      if (this.#worker !== worker) return clearInterval(timer);
      // Measured from the ping's sending, so a page whose timers were throttled in the background is not misjudged.
      if (sentAt !== null) {
        if (performance.now() - sentAt > this.deadAfterMs) this.lose('crashed', `the worker has not answered for ${Math.round(this.deadAfterMs / 1000)} s`);
        return;
      }
      sentAt = performance.now();
      void remote.alive().then(() => (sentAt = null), () => {});
    }, pingEveryMs);
    return () => clearInterval(timer);
  }

  /** After an error event: gives `worker` up unless it answers a ping within `ms`. */
  async #probe(worker: Worker, ms: number): Promise<void> {
    const remote = this.#remote;
    if (this.#worker !== worker || !remote) return;
    const answered = await Promise.race([remote.alive().then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
    if (!answered && this.#worker === worker) this.lose('crashed', 'the worker reported an error and stopped answering');
  }
}

/** A plain, cloneable copy of reactive state ($state proxies cannot be posted). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The bridge the whole app shares. */
export const bridge = new WorkerBridge();
