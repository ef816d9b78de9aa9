import * as Comlink from 'comlink';
import { metricValue } from '../core/evaluate/goal.ts';
import type { RetrainMode } from '../core/monitor/challenger-data.ts';
import { DEFAULT_THRESHOLDS, type Baseline, type DriftThresholds } from '../core/monitor/index.ts';
import type { BatchCheck, Challenge, CheckProgress, ImageBatchInput } from '../core/monitor/messages.ts';
import type { ProgressLogs, TrainEvent, TrainResult } from '../core/train/protocol.ts';
import { bridge, plain } from './bridge.ts';
import { resources } from './resources.svelte.ts';
import { run } from './run.svelte.ts';

/** A model that has been deployed in this session: the first from Train, then each promoted challenger. */
export interface ModelEntry {
  id: number;
  label: string;
  /** When it became the deployed model. */
  when: Date;
  metric: string;
  /** Its goal metric on the held-out test rows. */
  value: number | null;
  deployed: boolean;
}

/** A checked batch, with the model it was checked against. */
export interface CheckedBatch extends BatchCheck {
  model: number;
  at: Date;
}

export type RetrainStatus = 'idle' | 'running' | 'stopping' | 'done' | 'error';

/**
 * The Monitor stage's state: the deployed model's baseline, the batches checked this session,
 * the drift thresholds, and the champion/challenger loop with its model history. Everything here
 * reports what the worker did; the worker holds the data and the models.
 */
class MonitorState {
  baseline = $state<Baseline | null>(null);
  baselineError = $state<string | null>(null);
  thresholds = $state<DriftThresholds>({ ...DEFAULT_THRESHOLDS });
  checks = $state<CheckedBatch[]>([]);
  checking = $state(false);
  checkProgress = $state<CheckProgress | null>(null);
  checkError = $state<string | null>(null);
  retrainStatus = $state<RetrainStatus>('idle');
  retrainMessage = $state('');
  retrainProgress = $state<ProgressLogs | null>(null);
  retrainError = $state<string | null>(null);
  challenge = $state<Challenge | null>(null);
  models = $state<ModelEntry[]>([]);
  #known: TrainResult | null = null;
  #abort: AbortController | null = null;

  constructor() {
    resources.track(() => this.#activity());
  }

  /** The last checked batch, the one the page shows. */
  get current(): CheckedBatch | null {
    return this.checks.at(-1) ?? null;
  }

  get deployed(): ModelEntry | null {
    return this.models.find((m) => m.deployed) ?? null;
  }

  /** Follows the Train page: a new trained model starts a new history and a new baseline. */
  sync(result: TrainResult | null): void {
    if (result === this.#known) return;
    this.#known = result;
    this.discard();
    Object.assign(this, { checks: [], challenge: null, retrainStatus: 'idle', retrainError: null, checkError: null, baseline: null, baselineError: null });
    this.models = result ? [entry(1, 'Model 1 (from Train)', result, true)] : [];
    if (result) void this.loadBaseline();
  }

  async loadBaseline(): Promise<void> {
    const wanted = this.#known;
    try {
      const baseline = await bridge.api.monitorBaseline();
      if (wanted === this.#known) this.baseline = baseline;
    } catch (e) {
      if (wanted === this.#known) this.baselineError = (e as Error).message;
    } finally {
      void resources.sample(); // the deployed predictor is loaded now
    }
  }

  /** Reads, predicts and checks a batch (a CSV, or images) in the worker against the deployed model's baseline. */
  async check(input: File | ImageBatchInput): Promise<void> {
    if (this.checking || this.retrainStatus === 'running') return;
    Object.assign(this, { checking: true, checkError: null, checkProgress: null });
    this.#abort = new AbortController();
    const report = Comlink.proxy((p: CheckProgress): void => {
      this.checkProgress = p;
    });
    try {
      const thresholds = plain(this.thresholds);
      const got = await bridge.cancellable(this.#abort.signal, (api) =>
        input instanceof File ? api.checkBatch(input, thresholds, report) : api.checkImageBatch(input, thresholds, report),
      );
      this.checks = [...this.checks, { ...got, model: this.deployed?.id ?? 1, at: new Date() }];
    } catch (e) {
      this.checkError = (e as Error).message;
    } finally {
      this.checking = false;
      void resources.sample();
    }
  }

  stopCheck(): void {
    this.#abort?.abort();
  }

  /** Trains a challenger on the last checked batch (with or instead of the champion's rows). */
  async retrain(mode: RetrainMode): Promise<void> {
    if (this.retrainStatus === 'running' || this.checking) return;
    Object.assign(this, { retrainStatus: 'running', retrainMessage: 'Starting', retrainProgress: null, retrainError: null, challenge: null });
    this.#abort = new AbortController();
    const onEvent = Comlink.proxy((e: TrainEvent): void => this.#onEvent(e));
    try {
      this.challenge = await bridge.cancellable(this.#abort.signal, (api) => api.retrain(mode, onEvent));
      this.retrainStatus = 'done';
      this.retrainMessage = this.challenge.result.stopped ? 'Stopped; the challenger keeps what it learned so far' : 'Challenger trained';
    } catch (e) {
      this.retrainStatus = 'error';
      this.retrainError = (e as Error).message;
    } finally {
      void resources.sample();
    }
  }

  stopRetrain(): void {
    if (this.retrainStatus !== 'running') return;
    this.retrainStatus = 'stopping';
    this.retrainMessage = 'Stopping after the current batch';
    this.#abort?.abort();
  }

  /** Makes the challenger the deployed model, on the user's word; the champion goes to the history. */
  async promote(): Promise<void> {
    const challenge = this.challenge;
    if (!challenge) return;
    const result = await bridge.api.promoteChallenger();
    const id = this.models.length + 1;
    const label = `Model ${id} (retrained, ${challenge.mode === 'combine' ? 'original + batch' : 'batch only'})`;
    this.models = [...this.models.map((m) => ({ ...m, deployed: false })), entry(id, label, result, true)];
    this.challenge = null;
    this.retrainStatus = 'idle';
    // Deploy, Evaluate and Train follow run.result: they now show the promoted model.
    Object.assign(run, { result, history: result.history, status: 'done', message: `${label} is now deployed` });
    this.#known = run.result;
    this.baseline = null;
    await this.loadBaseline();
  }

  /** Drops the challenger; the champion stays deployed. */
  discard(): void {
    if (!this.challenge) return;
    this.challenge = null;
    this.retrainStatus = 'idle';
    void bridge.api.discardChallenger();
  }

  #onEvent(e: TrainEvent): void {
    if (e.status === 'initiate') this.retrainMessage = e.message;
    else if (e.status === 'backend') this.retrainMessage = `Training the challenger on ${e.choice.name}`;
    else if (e.status === 'split') this.retrainMessage = `Training the challenger: ${e.counts.train} train · ${e.counts.validation} validation · ${e.counts.test} test rows`;
    else if (e.status === 'progress') this.retrainProgress = e.progress;
    else if (e.status === 'epoch' && this.retrainProgress) this.retrainProgress = { ...this.retrainProgress, epoch: e.logs.epoch, batch: this.retrainProgress.batches };
  }

  #activity() {
    if (this.retrainStatus === 'running' && this.retrainProgress) {
      const p = this.retrainProgress;
      const steps = (p.epoch - 1) * p.batches + p.batch;
      return { label: 'Retraining', steps, samples: steps * (run.result?.spec.train.batchSize ?? 32) };
    }
    if (this.checking && this.checkProgress?.phase === 'predicting') return { label: 'Checking a batch', steps: Math.ceil(this.checkProgress.done / 2048), samples: this.checkProgress.done };
    return this.checking || this.retrainStatus === 'running' ? { label: this.checking ? 'Checking a batch' : 'Retraining', steps: 0, samples: 0 } : null;
  }
}

function entry(id: number, label: string, result: TrainResult, deployed: boolean): ModelEntry {
  const metric = result.spec.goal.metric;
  return { id, label, when: new Date(), metric, value: metricValue(result.test.metrics, metric) ?? null, deployed };
}

export const monitor = new MonitorState();
