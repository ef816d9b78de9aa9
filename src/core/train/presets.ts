import { KilnError } from '../errors.ts';
import type { ModelSpec, TaskKind, TrainSpec } from '../spec/schema.ts';
import { inferStack, type LayerPath, type OutputLayer, type StackIssue, type StackSummary } from './layers.ts';
import type { Layer, PresetName } from './layers-schema.ts';

/** What a model is built for: the data's kind and input shape, the task, and how much data there is. */
export interface ModelContext {
  kind: 'table' | 'images';
  task: TaskKind;
  /** [features] for a table (the encoded width), [H, W, C] for images. */
  input: number[];
  /** Classes for classification; ignored for regression (one output). */
  classes: number;
  /** Training rows or images, when known; sizes the MLP and CNN presets. */
  rows?: number;
}

/** The hidden layers a model spec stands for, where they came from, and how to name one in a message. */
export interface ResolvedModel {
  source: 'layers' | 'preset' | 'shorthand';
  /** The preset the layers came from (`auto` already decided). */
  preset?: Exclude<PresetName, 'auto'>;
  layers: Layer[];
  output: OutputLayer;
  path: LayerPath;
  /** A preset that does not fit the data or task. */
  issue?: StackIssue;
}

/** What each preset is, in a line, for the builder's menu. */
export const presetHelp: Record<PresetName, string> = {
  auto: 'picked from the data: an MLP for tables (a small table also tries a linear model, kept unless the MLP is clearly better on the validation rows), the CNN that fits the image size',
  linear: 'no hidden layer: linear regression, or logistic (softmax) regression for classes',
  logistic: 'logistic (softmax) regression: no hidden layer; classification only',
  mlp: 'dense layers sized by the number of training rows',
  'cnn-28-grey': 'two conv blocks for small images such as 28×28 digits',
  'cnn-32-colour': 'three conv blocks with batch norm for 32×32 colour images',
  'cnn-64-colour': 'four conv blocks and global average pooling for 64×64 colour images',
};

const dense = (units: number): Layer => ({ type: 'dense', units, activation: 'relu' });
const conv = (filters: number): Layer => ({ type: 'conv2d', filters, kernelSize: 3, padding: 'same', activation: 'relu' });
const pool: Layer = { type: 'maxPool', poolSize: 2 };
const bn: Layer = { type: 'batchNorm' };
const drop = (rate: number): Layer => ({ type: 'dropout', rate });

/** The preset `auto` stands for: an MLP for tables; for images the CNN made for the nearest size. */
export function autoPreset(ctx: ModelContext): Exclude<PresetName, 'auto'> {
  if (ctx.kind === 'table') return 'mlp';
  const [h, w, c] = ctx.input;
  const side = Math.max(h, w);
  if (side <= 28 && c === 1) return 'cnn-28-grey';
  return side <= 40 ? 'cnn-32-colour' : 'cnn-64-colour';
}

/**
 * A preset's hidden layers for this data. Under 500 training images the CNNs halve their widths
 * (fewer weights to fit from few examples); the MLP widens with the number of rows.
 *
 * presetLayers('mlp', { kind: 'table', task: 'classification', input: [4], classes: 3, rows: 105 }) // → [dense 32 relu]
 */
export function presetLayers(preset: Exclude<PresetName, 'auto'>, ctx: ModelContext): Layer[] {
  const k = ctx.rows !== undefined && ctx.rows < 500 ? 0.5 : 1;
  const n = (units: number) => Math.max(4, Math.round(units * k));
  switch (preset) {
    case 'linear':
    case 'logistic':
      return [];
    case 'mlp': {
      if (ctx.kind === 'images') return [{ type: 'flatten' }, dense(128), drop(0.2)];
      const rows = ctx.rows ?? 0;
      if (rows >= 20000) return [dense(128), dense(64)];
      return rows >= 1000 ? [dense(64), dense(32)] : [dense(32)];
    }
    case 'cnn-28-grey':
      return [conv(n(16)), pool, conv(n(32)), pool, { type: 'flatten' }, dense(n(64)), drop(0.25)];
    case 'cnn-32-colour':
      return [conv(n(16)), bn, pool, conv(n(32)), bn, pool, conv(n(64)), pool, { type: 'flatten' }, dense(n(64)), drop(0.3)];
    case 'cnn-64-colour':
      return [conv(n(16)), bn, pool, conv(n(32)), bn, pool, conv(n(64)), bn, pool, conv(n(64)), pool, { type: 'globalAvgPool' }, dense(n(64)), drop(0.3)];
  }
}

/** The task's output layer: softmax over the classes, or one linear unit. */
export function outputLayer(ctx: Pick<ModelContext, 'task' | 'classes'>): OutputLayer {
  return ctx.task === 'classification' ? { units: ctx.classes, activation: 'softmax' } : { units: 1, activation: 'linear' };
}

/**
 * The layers a model spec builds, by precedence: `layers`, then `preset`, then the
 * `type`/`hidden`/`filters`/`activation`/`dropout` shorthand (which builds exactly what it always did).
 */
export function resolveModel(model: ModelSpec, ctx: ModelContext): ResolvedModel {
  const output = outputLayer(ctx);
  if (model.layers) return { source: 'layers', layers: model.layers, output, path: (i) => `model.layers[${i}]` };
  if (model.preset) {
    const preset = model.preset === 'auto' ? autoPreset(ctx) : model.preset;
    const resolved: ResolvedModel = { source: 'preset', preset, layers: presetLayers(preset, ctx), output, path: (i) => `model.preset '${preset}' layer ${i}` };
    const misfit = presetMisfit(preset, ctx);
    if (misfit) resolved.issue = { path: 'model.preset', index: null, detail: `(${preset}) ${misfit}`, message: `model.preset (${preset}) ${misfit}` };
    return resolved;
  }
  return { source: 'shorthand', layers: shorthandLayers(model, ctx.kind), output, path: (i) => `model (hidden/filters) layer ${i}` };
}

function presetMisfit(preset: string, ctx: ModelContext): string | null {
  if (preset === 'logistic' && ctx.task === 'regression') return 'is for classes, and this label is a number; use linear';
  if (preset.startsWith('cnn') && ctx.kind === 'table') return 'needs images, and this data is a table; use mlp or linear';
  return null;
}

/** Today's shorthand as layers: per filter a 3×3 conv + 2×2 max-pool (images, unless type is mlp), flatten, then hidden dense (+ dropout). */
export function shorthandLayers(model: ModelSpec, kind: ModelContext['kind']): Layer[] {
  const layers: Layer[] = [];
  if (kind === 'images') {
    for (const filters of model.type === 'mlp' ? [] : model.filters) layers.push(conv(filters), { type: 'maxPool', poolSize: 2, strides: 2 });
    layers.push({ type: 'flatten' });
  }
  for (const units of model.hidden) {
    layers.push({ type: 'dense', units, activation: model.activation });
    if (model.dropout > 0) layers.push(drop(model.dropout));
  }
  return layers;
}

/** The resolved layers and their shapes and parameters; a misfitting preset is the summary's issue. */
export function modelStack(model: ModelSpec, ctx: ModelContext): { resolved: ResolvedModel; summary: StackSummary } {
  const resolved = resolveModel(model, ctx);
  const summary = inferStack(ctx.input, resolved.layers, resolved.output, resolved.path);
  return { resolved, summary: resolved.issue ? { ...summary, issue: resolved.issue } : summary };
}

/** The resolved layers, or a KilnError naming the layer that cannot be built; call before any tensor exists. */
export function checkedModel(model: ModelSpec, ctx: ModelContext): ResolvedModel {
  const { resolved, summary } = modelStack(model, ctx);
  if (summary.issue) throw new KilnError(summary.issue.detail, { path: summary.issue.path });
  return resolved;
}

/** Training settings whose default depends on the kind of model; everything else has one default. */
export type ModelTrainDefaults = Pick<TrainSpec, 'learningRate'>;

/**
 * Per kind of model: tables keep the Adam rate tuned against scikit-learn (`npm run bench --
 * defaults`); a CNN's rate is a fifth of it, since at 0.005 the small CNN collapsed to one class on
 * the generated shapes (loss stuck at ln 3) where at 0.001 its training loss falls steadily.
 */
export const modelTrainDefaults: Record<ModelContext['kind'], ModelTrainDefaults> = {
  table: { learningRate: 0.005 },
  images: { learningRate: 0.001 },
};

/**
 * The train settings for a model of `kind`: each per-model default still at the other kind's value
 * moves to this kind's; anything the user changed stays.
 *
 * switchTrainDefaults({ …, learningRate: 0.005 }, 'images') // → { …, learningRate: 0.001 }
 */
export function switchTrainDefaults<T extends ModelTrainDefaults>(train: T, kind: ModelContext['kind']): T {
  const other = modelTrainDefaults[kind === 'images' ? 'table' : 'images'];
  const next = { ...train };
  for (const key of Object.keys(other) as (keyof ModelTrainDefaults)[]) if (train[key] === other[key]) next[key] = modelTrainDefaults[kind][key] as T[typeof key];
  return next;
}

/**
 * A raw spec (before parsing) with the per-model defaults filled in where it leaves them out, for
 * data that is plainly images (`kind: 'images'`, `source: 'shapes'` or a `.zip`); tables and
 * undecided sources get the schema's defaults.
 */
export function withModelTrainDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const spec = raw as { data?: { kind?: unknown; source?: unknown }; train?: unknown };
  const data = spec.data;
  const undecided = typeof data === 'object' && data !== null && (data.kind === undefined || data.kind === 'auto');
  const imageSource = typeof data?.source === 'string' && (data.source === 'shapes' || /\.zip$/i.test(data.source));
  const images = data?.kind === 'images' || (undecided && imageSource);
  if (!images) return raw;
  const train = spec.train === undefined ? {} : spec.train;
  if (typeof train !== 'object' || train === null) return raw;
  return { ...spec, train: { ...modelTrainDefaults.images, ...train } };
}
