import * as Comlink from 'comlink';
import { metricValue } from '../core/evaluate/goal.ts';
import type { RetrainMode } from '../core/monitor/challenger-data.ts';
import { DEFAULT_THRESHOLDS, type Baseline, type DriftThresholds } from '../core/monitor/index.ts';
import type { HistoryModel } from '../core/project/model-history.ts';
import type { BatchCheck, Challenge, CheckProgress, ImageBatchInput, ModelSwap } from '../core/monitor/messages.ts';
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
  /** Bytes of its model files the worker keeps (it can be rolled back to); null while deployed or never kept. */
  keptBytes: number | null;
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
  /** The history entry being rolled back to, while the worker rebuilds it. */
  rollingBack = $state<number | null>(null);
  historyError = $state<string | null>(null);
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
    Object.assign(this, { checks: [], challenge: null, retrainStatus: 'idle', retrainError: null, checkError: null, baseline: null, baselineError: null, historyError: null });
    this.models = result ? [entry(1, 'Model 1 (from Train)', result, true)] : [];
    void bridge.api.clearModelHistory().catch(() => {}); // the kept files belonged to the old history
    if (result) void this.loadBaseline();
  }

  /** A saved project's model history, put back in the worker, for `result` (the live model's run, as run.result now holds it). */
  restoreHistory(models: HistoryModel[], result: TrainResult): void {
    this.#known = result;
    this.discard();
    Object.assign(this, { checks: [], challenge: null, retrainStatus: 'idle', retrainError: null, checkError: null, baseline: null, baselineError: null, historyError: null });
    this.models = models.map((m) => ({ ...m, when: new Date(m.when) }));
    void this.loadBaseline();
  }

  /** The history as the project saves it (plain, times as ISO strings). */
  savedModels(): HistoryModel[] {
    return this.models.map((m) => ({ id: m.id, label: m.label, when: m.when.toISOString(), metric: m.metric, value: m.value, deployed: m.deployed, keptBytes: m.keptBytes }));
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

  /** Makes the challenger the deployed model, on the user's word; the champion, with its model files, goes to the history. */
  async promote(): Promise<void> {
    const challenge = this.challenge;
    const champion = this.deployed;
    if (!challenge || !champion) return;
    let swap: ModelSwap;
    try {
      swap = await bridge.api.promoteChallenger(champion.id);
    } catch (e) {
      this.retrainError = (e as Error).message;
      return;
    }
    const id = Math.max(...this.models.map((m) => m.id)) + 1;
    const label = `Model ${id} (retrained, ${challenge.mode === 'combine' ? 'original + batch' : 'batch only'})`;
    const retired = this.models.map((m) => (m.id === champion.id ? { ...m, deployed: false, keptBytes: swap.keptBytes } : m));
    this.models = [...retired, entry(id, label, swap.result, true)];
    Object.assign(this, { challenge: null, retrainStatus: 'idle', retrainMessage: '' });
    await this.#follow(swap, `${label} is now deployed`);
  }

  /** Makes a retired model the deployed one again (the page asks the user first); the one it replaces stays in the history. */
  async rollBack(id: number): Promise<void> {
    const target = this.models.find((m) => m.id === id);
    const current = this.deployed;
    if (!target || !current || target.deployed || this.rollingBack !== null || this.retrainStatus === 'running' || this.checking) return;
    Object.assign(this, { rollingBack: id, historyError: null });
    try {
      const swap = await bridge.api.rollBack(id, current.id);
      this.models = this.models.map((m) =>
        m.id === id ? { ...m, deployed: true, keptBytes: null, when: new Date() } : m.id === current.id ? { ...m, deployed: false, keptBytes: swap.keptBytes } : m,
      );
      Object.assign(this, { challenge: null, retrainStatus: 'idle', retrainMessage: '', retrainError: null });
      await this.#follow(swap, `${target.label} is deployed again (rolled back from model ${current.id})`);
    } catch (e) {
      this.historyError = (e as Error).message;
    } finally {
      this.rollingBack = null;
    }
  }

  /** Deploy, Evaluate and Train follow run.result: they now show the new live model; the Monitor reads its baseline. */
  async #follow(swap: ModelSwap, message: string): Promise<void> {
    Object.assign(run, { result: swap.result, history: swap.result.history, status: 'done', message });
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
  return { id, label, when: new Date(), metric, value: metricValue(result.test.metrics, metric) ?? null, deployed, keptBytes: null };
}

export const monitor = new MonitorState();
