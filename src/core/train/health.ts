import type { TaskKind } from '../spec/schema.ts';
import type { EpochLogs } from './protocol.ts';

/** What is wrong with a run that is not learning. */
export type HealthKind = 'not-finite' | 'exploding' | 'unstable' | 'one-class' | 'flat-at-chance';

/** A run that is not learning, said while it trains, with the likely fix. */
export interface HealthWarning {
  kind: HealthKind;
  /** The epoch the trouble was seen at (the first bad one for NaN, else the latest). */
  epoch: number;
  /** What is wrong, in a sentence. */
  message: string;
  /** The likely fix, in a sentence, e.g. "Try a learning rate of 0.001." */
  fix: string;
  /** The learning rate the fix suggests, when it is one. */
  learningRate?: number;
}

/** What the detector needs to know besides the epochs. */
export interface HealthContext {
  task: TaskKind;
  /** Classes, for classification: guessing among K classes costs a loss of ln K. */
  classes: number;
  /** The learning rate the run trains with. */
  learningRate: number;
  /** Each class's share of the rows (sums to 1), when known: predicting one class scores its share. */
  classShares?: readonly number[];
}

/** Epochs a flat stretch must last before it counts as not learning. */
export const healthWindow = 5;

/**
 * The first sign that a run is not learning, or null while it looks healthy. In order: a loss that
 * is NaN or infinite, a loss exploding (rising three epochs in a row to over three times its
 * start), accuracy frozen at one value with a flat loss (one class predicted for everything), a
 * classification loss staying above twice ln K (confidently wrong: steps overshoot), and a
 * classification loss flat at ln K, the loss of guessing.
 *
 * trainingHealth(flatAt(Math.log(3), 8), { task: 'classification', classes: 3, learningRate: 0.02 })
 * // → { kind: 'flat-at-chance', fix: 'Try a learning rate of 0.001 …', learningRate: 0.001, … }
 */
export function trainingHealth(history: readonly EpochLogs[], ctx: HealthContext): HealthWarning | null {
  if (history.length === 0) return null;
  const lr = ctx.learningRate;
  const bad = history.find((h) => !Number.isFinite(h.loss) || (h.valLoss !== undefined && !Number.isFinite(h.valLoss)));
  if (bad) {
    const value = Number.isFinite(bad.loss) ? bad.valLoss! : bad.loss;
    const rate = lowerRate(lr);
    return {
      kind: 'not-finite',
      epoch: bad.epoch,
      message: `The loss became ${Number.isNaN(value) ? 'NaN (not a number)' : 'infinite'} at epoch ${bad.epoch}: the weights blew up, so nothing more can be learned.`,
      fix: `Stop, and try a learning rate of ${rate} (now ${lr}).`,
      learningRate: rate,
    };
  }
  const last = history[history.length - 1];
  const losses = history.map((h) => h.loss);
  const tail = losses.slice(-3);
  if (tail.length === 3 && tail[0] < tail[1] && tail[1] < tail[2] && tail[2] > 3 * losses[0]) {
    const rate = lowerRate(lr);
    return {
      kind: 'exploding',
      epoch: last.epoch,
      message: `The loss is exploding: ${sig(tail[2])} at epoch ${last.epoch}, up from ${sig(losses[0])} at the start, and rising every epoch.`,
      fix: `The steps are too big. Stop, and try a learning rate of ${rate} (now ${lr}).`,
      learningRate: rate,
    };
  }
  if (ctx.task !== 'classification' || history.length < healthWindow) return null;
  const window = history.slice(-healthWindow);
  const chance = Math.log(Math.max(2, ctx.classes));
  const flatLoss = spread(window.map((h) => h.loss)) <= 0.03 * Math.max(1e-9, Math.abs(mean(window.map((h) => h.loss))));
  const accs = window.map((h) => h.acc);
  // One class for everything scores that class's share (1/K when balanced), and never changes.
  const shares = ctx.classShares ?? [1 / Math.max(2, ctx.classes)];
  const oneClass = (acc: number) => shares.some((s) => Math.abs(acc - s) <= 0.02);
  if (flatLoss && accs.every((a) => a !== undefined) && spread(accs as number[]) <= 0.005 && oneClass(accs[0] as number)) {
    return {
      kind: 'one-class',
      epoch: last.epoch,
      message: `Accuracy has stayed at ${pct(accs[0] as number)} for ${healthWindow} epochs, the share of one class, while the loss stays flat: the model is predicting the same class for everything.`,
      ...notLearningFix(lr),
    };
  }
  const typical = median(window.map((h) => h.loss));
  if (typical > 2 * chance) {
    const rate = lowerRate(lr);
    return {
      kind: 'unstable',
      epoch: last.epoch,
      message: `The loss has stayed far above the loss of guessing (ln ${ctx.classes} = ${sig(chance)}): about ${sig(typical)} over the last ${healthWindow} epochs. The model is confidently wrong; each step overshoots.`,
      fix: `Try a learning rate of ${rate} (now ${lr}).`,
      learningRate: rate,
    };
  }
  if (flatLoss && window.every((h) => Math.abs(h.loss - chance) <= 0.05 * chance)) {
    return {
      kind: 'flat-at-chance',
      epoch: last.epoch,
      message: `The loss has stayed at ${sig(last.loss)} for ${healthWindow} epochs — about ln ${ctx.classes} = ${sig(chance)}, the loss of guessing among ${ctx.classes} classes: the model is not learning.`,
      ...notLearningFix(lr),
    };
  }
  return null;
}

/** Where validation loss turned: the epoch it was lowest before rising while training loss fell. */
export interface Overfitting {
  /** The epoch overfitting starts from (validation loss at its lowest). */
  epoch: number;
  /** How much validation loss has risen since, as a fraction (0.2 = 20 %). */
  rise: number;
  /** One sentence for under the chart. */
  message: string;
}

/**
 * Overfitting, once it shows: the validation loss (smoothed over three epochs) has risen at least
 * 5 % above its lowest, for three epochs or more after it, while the training loss has gone on
 * falling by at least 5 %. `items` names the examples ("rows", "images").
 *
 * overfittingStart(history) // → { epoch: 23, rise: 0.18, message: 'From epoch 23 the validation loss rose 18 % …' }
 */
export function overfittingStart(history: readonly EpochLogs[], items = 'rows'): Overfitting | null {
  if (history.length < 6 || history.some((h) => h.valLoss === undefined || !Number.isFinite(h.valLoss) || !Number.isFinite(h.loss))) return null;
  const val = smooth(history.map((h) => h.valLoss!));
  const train = smooth(history.map((h) => h.loss));
  let low = 0;
  for (let i = 1; i < val.length; i++) if (val[i] < val[low]) low = i;
  const end = val.length - 1;
  const rise = val[low] > 0 ? val[end] / val[low] - 1 : 0;
  if (end - low < 3 || rise < 0.05 || train[end] > 0.95 * train[low]) return null;
  const epoch = history[low].epoch;
  return {
    epoch,
    rise,
    message: `Overfitting from epoch ${epoch}: since then the validation loss has risen ${Math.round(rise * 100)} % while the training loss kept falling — the model is memorising its training ${items} instead of learning what carries over to new ones. Early stopping keeps the best epoch; more data, augmentation, dropout or weight decay help.`,
  };
}

/** A tenth of the rate, at least down to 0.001: the usual cure for NaN and exploding losses. */
function lowerRate(lr: number): number {
  return lr > 0.001 ? 0.001 : niceRate(lr / 10);
}

/** Too-big steps are the common cause of a stuck run; too-small ones of a crawling one. */
function notLearningFix(lr: number): Pick<HealthWarning, 'fix' | 'learningRate'> {
  if (lr > 0.002) return { fix: `Try a learning rate of 0.001 (now ${lr}): steps this big can jump past anything worth learning.`, learningRate: 0.001 };
  if (lr < 0.0002) return { fix: `Try a learning rate of 0.001 (now ${lr}): steps this small barely move the weights.`, learningRate: 0.001 };
  return { fix: 'Train for more epochs, try a bigger model, or check that the inputs can tell the classes apart.' };
}

/** 1, 2 or 5 times a power of ten, at or below `x`. */
function niceRate(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const m = [5, 2, 1].find((k) => k * p <= x * (1 + 1e-9)) ?? 1;
  return Number((m * p).toPrecision(1));
}

function smooth(xs: number[]): number[] {
  return xs.map((_, i) => mean(xs.slice(Math.max(0, i - 1), i + 2)));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const sig = (x: number) => String(Number(x.toPrecision(3)));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
