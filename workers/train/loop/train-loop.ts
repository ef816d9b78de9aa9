import * as tf from '@tensorflow/tfjs';
import type { TaskKind, TrainSpec } from '../../../src/core/spec/schema.ts';
import { classWeightsFor } from '../../../src/core/train/class-weights.ts';
import { createEarlyStopper, higherIsBetter, resolveEarlyStopping } from '../../../src/core/train/early-stopping.ts';
import { resolveLoss } from '../../../src/core/train/loss.ts';
import type { EpochLogs, ProgressLogs } from '../../../src/core/train/protocol.ts';
import { budgetedEpochs, budgetNote, epochPace } from '../../../src/core/train/epoch-budget.ts';
import { createSchedule } from '../../../src/core/train/schedule.ts';
import { Checkpoint } from './checkpoint.ts';
import { holdWhilePaused, yieldToMessages, type LoopControl } from './control.ts';
import { FusedTrainer } from '../fused/trainer.ts';
import { planFused } from '../fused/plan.ts';
import { createFlatOptimizer, type FlatOptimizer } from './flat-optimizer.ts';
import { makeForward } from './forward.ts';
import { runEpoch, type EpochRun } from './epoch.ts';
import { evaluateSplit, type StepContext } from './step.ts';
import { dropoutCalls, readWeights, restoreDropoutCalls, restoreWeights, saveTimer } from './resume.ts';
import type { LoopState, NamedArray } from '../../../src/core/train/checkpoint.ts';

/** One split resident on the backend: features and (one-hot or scalar) targets. */
export interface TensorSplit {
  /** [n, features] for tables, [n, height, width, channels] for images. */
  x: tf.Tensor;
  y: tf.Tensor2D;
  n: number;
}

/** What a training run needs besides the model and data. */
export interface FitOptions extends LoopControl {
  /** The spec's train section: epochs, batch size, optimizer, schedule, early stopping, loss, class weights. */
  train: TrainSpec;
  task: TaskKind;
  /** Class names in label order, for `train.classWeights` given as a map. */
  classes?: readonly string[];
  seed: number;
  onEpoch: (logs: EpochLogs) => void;
  onBatch?: (epoch: number, batch: number, batches: number) => void;
  /** Called a few times a second between epoch ends (after a read-back of the running loss). */
  onProgress?: (progress: ProgressLogs) => void;
  /**
   * Replaces each epoch's shuffled training features (augmentation) with a new tensor that the
   * loop disposes; it never sees validation data.
   */
  transformEpoch?: (x: tf.Tensor, epoch: number) => tf.Tensor;
  /** 'generic' keeps the tensor loop even where the fused CPU path applies (tests compare the two). */
  engine?: 'auto' | 'generic';
}

export interface FitOutcome {
  history: EpochLogs[];
  /** True when the user stopped the run (early stopping is not a stop). */
  stopped: boolean;
  earlyStopped: boolean;
  /** The epoch whose weights the model ends with when restore-best put them back. */
  bestEpoch?: number;
  /** Which loop trained: hand-written loops for a Dense-only model on the CPU, or the tensor loop. */
  engine: 'fused' | 'generic';
}

/**
 * Kiln's training loop: data stays on the device, each epoch is one seeded shuffle and gather,
 * each batch one tidy step (device slices, gradients, a flat optimizer update), and loss and
 * accuracy are summed on the device and read back a few times a second and at epoch ends, never
 * per batch. Learning-rate schedules, early stopping and restore-best act at epoch ends.
 * Every tensor it makes is disposed, also when stopped or failing. A Dense-only model on the CPU
 * backend trains its epochs on the fused path (../fused/), the same arithmetic without kernels.
 */
export async function fitModel(model: tf.LayersModel, train: TensorSplit, val: TensorSplit | null, opts: FitOptions): Promise<FitOutcome> {
  const spec = opts.train;
  const loss = resolveLoss(spec, opts.task);
  const early = resolveEarlyStopping(spec, opts.task);
  const monitor = early?.metric ?? 'valLoss';
  const hasVal = val !== null && val.n > 0;
  const weights = await classWeights(spec, opts, train);
  const schedule = createSchedule(spec.schedule, spec.learningRate, spec.epochs, higherIsBetter(monitor));
  // With no validation rows (a tiny split) there is nothing to watch: train every epoch.
  const stopper = createEarlyStopper(monitor, hasVal ? (early?.patience ?? 0) : 0);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const resume = opts.checkpoints?.resumeFrom;
  // Before the fused path reads the weights: it trains its own host copy of them.
  if (resume) {
    restoreWeights(model, resume.weights);
    restoreDropoutCalls(model, resume.rng.dropoutCalls);
  }
  // Dense-only models on the CPU train in plain loops; anything else (or a transform) in tensors.
  const plan = opts.engine === 'generic' || opts.transformEpoch ? null : planFused(model, loss);
  const fused = plan && typeof plan !== 'string' ? await FusedTrainer.create(plan, model, spec, train, weights) : null;
  const ctx: StepContext = {
    forward: makeForward(model, loss),
    loss,
    huberDelta: spec.huberDelta,
    vars,
    optimizer: fused ? idleOptimizer : createFlatOptimizer(spec, vars),
    lossSum: tf.tidy(() => tf.variable(tf.scalar(0), false)),
    correct: tf.tidy(() => tf.variable(tf.scalar(0), false)),
  };
  const resident = fused ? { labels: null, weights: null } : residentTargets(train, opts.task, weights);
  const valLabels = hasVal && opts.task === 'classification' ? tf.tidy(() => tf.argMax(val.y, -1).toInt() as tf.Tensor1D) : null;
  const best = early?.restoreBest && hasVal ? new Checkpoint(model) : null;
  const history: EpochLogs[] = [];
  const clock = { start: performance.now() - (resume?.elapsedMs ?? 0), paused: 0 };
  const between = async () => {
    await yieldToMessages();
    clock.paused += await holdWhilePaused(opts);
    return opts.shouldStop();
  };
  let outcome: FitOutcome = { history, stopped: false, earlyStopped: false, engine: fused ? 'fused' : 'generic' };
  const ceiling = epochCeiling(spec.epochs, opts);
  const saveDue = saveTimer(opts.checkpoints?.everyMs);
  // Restore-best's weights as host arrays, read once per best epoch however many saves follow.
  let bestHost: { epoch: number; weights: NamedArray[] } | null = resume?.best ?? null;
  const snapshot = async (epoch: number, lr: number, earlyStopped: boolean): Promise<LoopState> => {
    const weights = await readWeights(model);
    if (best && best.epoch > 0 && bestHost?.epoch !== best.epoch) bestHost = { epoch: best.epoch, weights: best.epoch === epoch ? weights : ((await best.read()) ?? []) };
    const optimizer = fused ? fused.optimizerState() : await ctx.optimizer.state();
    const elapsedMs = Math.max(0, performance.now() - clock.start - clock.paused);
    return { epochsCompleted: epoch, history: [...history], weights, best: bestHost, optimizer, control: { bestEpoch: stopper.bestEpoch, learningRate: lr, earlyStopped }, rng: { dropoutCalls: dropoutCalls(model) }, elapsedMs };
  };
  try {
    if (resume) {
      if (fused) fused.restoreOptimizer(resume.optimizer);
      else ctx.optimizer.restore(resume.optimizer);
      if (resume.best && best) best.load(resume.best.epoch, resume.best.weights);
      // Early stopping, plateau schedules and the epoch budget are functions of the epochs seen: replay them.
      for (const logs of resume.history) {
        const watched = (monitor === 'valAccuracy' ? logs.valAcc : logs.valLoss) ?? NaN;
        stopper.observe(logs.epoch, hasVal ? watched : NaN);
        schedule.observe(hasVal ? watched : NaN);
        history.push(logs);
        opts.onEpoch(logs);
        ceiling.observe(logs.ms);
      }
      outcome.earlyStopped = resume.control.earlyStopped;
    }
    for (let epoch = (resume?.epochsCompleted ?? 0) + 1; epoch <= ceiling.epochs && !outcome.earlyStopped; epoch++) {
      if (await between()) {
        outcome.stopped = true;
        break;
      }
      const lr = schedule.rateFor(epoch);
      ctx.optimizer.setRate(lr);
      fused?.setRate(lr);
      const run: EpochRun = { epoch, epochs: ceiling.epochs, batchSize: spec.batchSize, seed: opts.seed, clock, between };
      const started = performance.now();
      const trained = fused ? await fused.runEpoch(run, opts) : await runEpoch(ctx, train, resident, run, opts);
      if (trained === null) {
        outcome.stopped = true;
        break;
      }
      let lossValue: number, accValue: number, vLoss: number, vAcc: number;
      // The epoch's sums are freed whatever happens, an evaluation that throws included.
      try {
        const [valLoss, valAcc] = hasVal ? evaluateSplit(ctx, val.x, val.y, valLabels) : [null, null];
        const read = tf.tidy(() => tf.stack([trained.loss, trained.correct, valLoss ?? tf.scalar(NaN), valAcc ?? tf.scalar(NaN)]));
        valLoss?.dispose();
        valAcc?.dispose();
        try {
          [lossValue, accValue, vLoss, vAcc] = await read.data();
        } finally {
          read.dispose();
        }
      } finally {
        tf.dispose([trained.loss, trained.correct]);
      }
      const watched = monitor === 'valAccuracy' ? vAcc : vLoss;
      const verdict = stopper.observe(epoch, hasVal ? watched : NaN);
      schedule.observe(hasVal ? watched : NaN);
      if (verdict.best) best?.save(epoch);
      const classify = opts.task === 'classification';
      const logs: EpochLogs = {
        epoch,
        loss: lossValue,
        valLoss: hasVal ? vLoss : undefined,
        acc: classify ? accValue : undefined,
        valAcc: classify && hasVal ? vAcc : undefined,
        numTensors: tf.memory().numTensors,
        ms: performance.now() - started,
        lr,
        best: hasVal ? verdict.best : undefined,
      };
      history.push(logs);
      opts.onEpoch(logs);
      ceiling.observe(logs.ms);
      const save = opts.checkpoints?.save;
      if (save && saveDue(verdict.stop || epoch >= ceiling.epochs)) await save(await snapshot(epoch, lr, verdict.stop));
      if (verdict.stop) {
        outcome.earlyStopped = true;
        break;
      }
    }
    if (best?.restore()) outcome = { ...outcome, bestEpoch: best.epoch };
    return outcome;
  } finally {
    best?.dispose();
    ctx.optimizer.dispose();
    for (const t of [ctx.lossSum, ctx.correct, resident.labels, resident.weights, valLabels]) t?.dispose();
  }
}

/** The run's last epoch: `train.epochs`, or fewer once a time budget says so (noted once). */
function epochCeiling(epochs: number, opts: Pick<FitOptions, 'epochBudgetMs' | 'onNote'>): { epochs: number; observe: (ms: number) => void } {
  const times: number[] = [];
  let noted = false;
  const ceiling = {
    epochs,
    observe(ms: number) {
      if (opts.epochBudgetMs === undefined) return;
      times.push(ms);
      ceiling.epochs = budgetedEpochs({ ceiling: epochs, epochMs: times, budgetMs: opts.epochBudgetMs });
      if (ceiling.epochs < epochs && !noted) {
        noted = true;
        opts.onNote?.(budgetNote(ceiling.epochs, epochs, opts.epochBudgetMs, epochPace(times)));
      }
    },
  };
  return ceiling;
}

/** The generic loop's optimizer slot when the fused path does the updates. */
const idleOptimizer: FlatOptimizer = {
  setRate: () => {},
  apply: () => {},
  // The fused trainer keeps (and checkpoints) the optimizer state; these are never called.
  state: () => Promise.reject(new Error('the fused path keeps the optimizer state')),
  restore: () => {},
  dispose: () => {},
};

/** Per-class loss weights from the spec, counting the training rows' classes on the device once. */
async function classWeights(spec: TrainSpec, opts: FitOptions, train: TensorSplit): Promise<number[] | null> {
  if (spec.classWeights === undefined || opts.task !== 'classification') return null;
  const counts = tf.tidy(() => train.y.sum(0));
  const values = Array.from(await counts.data());
  counts.dispose();
  const classes = opts.classes ?? values.map((_, i) => String(i));
  return classWeightsFor(spec.classWeights, classes, values);
}

/** Labels (for accuracy) and per-row class weights of the training split, made once per run. */
function residentTargets(train: TensorSplit, task: TaskKind, weights: number[] | null): { labels: tf.Tensor1D | null; weights: tf.Tensor1D | null } {
  if (task !== 'classification') return { labels: null, weights: null };
  return {
    labels: tf.tidy(() => tf.argMax(train.y, -1).toInt() as tf.Tensor1D),
    weights: weights ? tf.tidy(() => tf.sum(tf.mul(train.y, tf.tensor1d(weights)), -1) as tf.Tensor1D) : null,
  };
}
