import * as Comlink from 'comlink';
import type { TableProfile } from '../core/prepare/profile.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import type { TrainEvent, TrainResult } from '../core/train/protocol.ts';
import type { TrainWorkerApi } from '../../workers/train.worker.ts';

/**
 * The page's one door to the training worker. The worker (and TF.js inside it) starts on first
 * use; every call is plain data in, plain data out. Aborting a training signal asks the worker
 * to stop after the current batch and still returns the model trained so far.
 */
export class WorkerBridge {
  #worker: Worker | null = null;
  #remote: Comlink.Remote<TrainWorkerApi> | null = null;

  #api(): Comlink.Remote<TrainWorkerApi> {
    if (!this.#remote) {
      this.#worker = new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'kiln-train' });
      this.#remote = Comlink.wrap<TrainWorkerApi>(this.#worker);
    }
    return this.#remote;
  }

  loadCsv(text: string, source: string, label?: string): Promise<TableProfile> {
    return this.#api().loadCsv(text, source, label);
  }

  profile(label?: string): Promise<TableProfile> {
    return this.#api().profile(label);
  }

  train(spec: PipelineSpec, onEvent: (e: TrainEvent) => void, signal?: AbortSignal): Promise<TrainResult> {
    const api = this.#api();
    const stop = () => void api.stop();
    signal?.addEventListener('abort', stop, { once: true });
    // $state proxies cannot be cloned; send a plain snapshot.
    return api.train(plain(spec), Comlink.proxy(onEvent)).finally(() => signal?.removeEventListener('abort', stop));
  }

  exportModel(): Promise<Uint8Array> {
    return this.#api().exportModel();
  }

  /** Ends the worker at once, dropping its data and model; the next call starts a fresh one. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
  }
}

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The bridge the whole app shares. */
export const bridge = new WorkerBridge();
