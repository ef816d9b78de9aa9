import { z } from 'zod';
import { fnv1a64 } from '../deploy/sagemaker/names.ts';
import { KilnError } from '../errors.ts';
import { specHash } from '../project/run-record.ts';
import type { PipelineSpec } from '../spec/schema.ts';
import type { CrossValidation, EpochLogs, SplitCounts } from './protocol.ts';

/** One weight (or optimizer slot) as host numbers: the model's name for it, its shape and values. */
export interface NamedArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * The flat optimizer's state (loop/flat-optimizer.ts and fused/host-optimizer.ts share the layout:
 * all trainable weights as one vector): Adam's m and v, RMSprop's mean square or SGD's velocity.
 */
export interface OptimizerState {
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  /** Steps taken (Adam's bias correction counts them). */
  step: number;
  slots: Float32Array[];
}

/** What the training loop needs to go on exactly where it was; the loop makes and reads this part. */
export interface LoopState {
  epochsCompleted: number;
  /** Every completed epoch's logs; replaying them rebuilds early stopping, plateau schedules and the epoch budget. */
  history: EpochLogs[];
  /** All model weights (trainable and not, e.g. batch-norm statistics), in model order. */
  weights: NamedArray[];
  /** Restore-best's weights so far, or null when it is off or nothing was best yet. */
  best: { epoch: number; weights: NamedArray[] } | null;
  optimizer: OptimizerState;
  /** State derived at epoch ends, kept to check the replay and to show: the best epoch, the rate, a stop. */
  control: { bestEpoch: number; learningRate: number; earlyStopped: boolean };
  /** Random state beyond the seeded per-epoch shuffle and augmentation: each dropout layer's calls so far. */
  rng: { dropoutCalls: number[] };
  /** Training milliseconds so far, pauses excluded (the progress clock goes on from here). */
  elapsedMs: number;
}

/** A resumable training checkpoint: the loop's state plus what ties it to one spec and split. */
export interface TrainCheckpoint extends LoopState {
  version: 1;
  /** checkpointSpecHash of the spec that made it; any other spec refuses it. */
  specHash: string;
  split: SplitCounts;
  /** The run's planned epochs (`train.epochs`). */
  epochs: number;
  /** The run's cross-validation, already done when the checkpoint was made (not redone on resume). */
  crossValidation?: CrossValidation;
  /** The backend that trained so far (a resume may use another). */
  backend: string;
  savedAt: string;
}

/**
 * The spec digest a checkpoint is tied to: every setting but `backend`, which a resume may change
 * (a lost GPU goes on on the CPU) without changing what is trained.
 *
 * checkpointSpecHash(spec) // → '1f0c…' (16 hex digits)
 */
export function checkpointSpecHash(spec: PipelineSpec): string {
  return specHash({ ...spec, backend: 'auto' });
}

/** Throws a KilnError unless `c` was made for this spec and split; a foreign checkpoint never resumes. */
export function checkResumable(c: TrainCheckpoint, spec: PipelineSpec, split?: SplitCounts): void {
  if (c.specHash !== checkpointSpecHash(spec)) {
    throw new KilnError(`was saved for different settings (spec ${c.specHash}, this spec ${checkpointSpecHash(spec)}); train from the start, or load the spec it was saved with`, { path: 'checkpoint' });
  }
  if (split && (split.train !== c.split.train || split.validation !== c.split.validation || split.test !== c.split.test)) {
    const counts = (s: SplitCounts) => `${s.train}/${s.validation}/${s.test}`;
    throw new KilnError(`was saved for a ${counts(c.split)} train/validation/test split, but this data splits ${counts(split)}; load the same data, or train from the start`, { path: 'checkpoint' });
  }
}

const magic = 'KILNCKPT';
const checksumBytes = 16;

// An array in the header: where its values sit in the float section.
const arrayRef = z.strictObject({ name: z.string().max(500), shape: z.array(z.number().int().min(0)).max(8), offset: z.number().int().min(0), length: z.number().int().min(0) });
const slotRef = arrayRef.omit({ name: true, shape: true });
const epochLogs = z.looseObject({ epoch: z.number().int().min(1), loss: z.number(), ms: z.number(), numTensors: z.number() });
const headerSchema = z.strictObject({
  version: z.literal(1),
  specHash: z.string().regex(/^[0-9a-f]{16}$/),
  split: z.strictObject({ train: z.number().int().min(0), validation: z.number().int().min(0), test: z.number().int().min(0) }),
  epochs: z.number().int().min(1),
  epochsCompleted: z.number().int().min(0),
  history: z.array(epochLogs),
  weights: z.array(arrayRef),
  best: z.strictObject({ epoch: z.number().int().min(1), weights: z.array(arrayRef) }).nullable(),
  optimizer: z.strictObject({ optimizer: z.enum(['adam', 'sgd', 'rmsprop']), step: z.number().int().min(0), slots: z.array(slotRef).max(2) }),
  control: z.strictObject({ bestEpoch: z.number().int().min(0), learningRate: z.number(), earlyStopped: z.boolean() }),
  rng: z.strictObject({ dropoutCalls: z.array(z.number().int().min(0)) }),
  elapsedMs: z.number().min(0),
  crossValidation: z.looseObject({ folds: z.number().int() }).optional(),
  backend: z.string().max(20),
  savedAt: z.string().max(40),
});

/**
 * The checkpoint as bytes: "KILNCKPT", a u32 header length, the JSON header (arrays as offsets),
 * the float32 values (4-byte aligned), then the FNV-1a 64 of everything before as 16 hex digits.
 *
 * decodeCheckpoint(encodeCheckpoint(c)) // → a checkpoint equal to c
 */
export function encodeCheckpoint(c: TrainCheckpoint): Uint8Array {
  const chunks: Float32Array[] = [];
  let at = 0;
  const ref = (values: Float32Array) => {
    chunks.push(values);
    at += values.length;
    return { offset: at - values.length, length: values.length };
  };
  const named = (a: NamedArray) => ({ name: a.name, shape: a.shape, ...ref(a.values) });
  const header = {
    ...c,
    weights: c.weights.map(named),
    best: c.best && { epoch: c.best.epoch, weights: c.best.weights.map(named) },
    optimizer: { ...c.optimizer, slots: c.optimizer.slots.map(ref) },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(12 + json.length);
  const bytes = new Uint8Array(start + at * 4 + checksumBytes);
  bytes.set(new TextEncoder().encode(magic));
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  const floats = new Float32Array(bytes.buffer, start, at);
  let offset = 0;
  for (const chunk of chunks) {
    floats.set(chunk, offset);
    offset += chunk.length;
  }
  const body = bytes.subarray(0, bytes.length - checksumBytes);
  bytes.set(new TextEncoder().encode(fnv1a64(body)), body.length);
  return bytes;
}

/** Reads and checks checkpoint bytes; corrupt, cut short or foreign bytes throw a KilnError saying so. */
export function decodeCheckpoint(bytes: Uint8Array): TrainCheckpoint {
  const refuse = (why: string) => new KilnError(`is not a usable training checkpoint: ${why}; train from the start`, { path: 'checkpoint' });
  if (bytes.length < 12 + checksumBytes || new TextDecoder().decode(bytes.subarray(0, 8)) !== magic) throw refuse('it does not start as a Kiln checkpoint does');
  const body = bytes.subarray(0, bytes.length - checksumBytes);
  if (new TextDecoder().decode(bytes.subarray(body.length)) !== fnv1a64(body)) throw refuse('its checksum does not match (damaged or cut short)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(8, true);
  const start = align4(12 + jsonLength);
  if (start > body.length) throw refuse('its header runs past its end');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength)));
  } catch {
    throw refuse('its header is not JSON');
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success) throw refuse(`${header.error.issues[0].path.join('.') || 'header'} ${header.error.issues[0].message}`);
  // A copy: the float section may sit unaligned in a larger buffer, and the caller may reuse the bytes.
  const floats = new Float32Array(bytes.slice(start, body.length).buffer);
  const slice = (r: { offset: number; length: number }) => {
    if (r.offset + r.length > floats.length) throw refuse('an array runs past the end of its values');
    return floats.slice(r.offset, r.offset + r.length);
  };
  const named = (r: z.infer<typeof arrayRef>): NamedArray => {
    if (r.shape.reduce((a, b) => a * b, 1) !== r.length) throw refuse(`weight '${r.name}' has ${r.length} values for shape [${r.shape}]`);
    return { name: r.name, shape: r.shape, values: slice(r) };
  };
  const h = header.data;
  if (h.history.length !== h.epochsCompleted) throw refuse(`it holds ${h.history.length} epochs of history for ${h.epochsCompleted} completed`);
  return {
    ...h,
    history: h.history as EpochLogs[],
    crossValidation: h.crossValidation as CrossValidation | undefined,
    weights: h.weights.map(named),
    best: h.best && { epoch: h.best.epoch, weights: h.best.weights.map(named) },
    optimizer: { ...h.optimizer, slots: h.optimizer.slots.map(slice) },
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** What the page keeps beside a saved checkpoint, to offer it without reading the bytes. */
export interface CheckpointInfo {
  epochsCompleted: number;
  epochs: number;
  specHash: string;
  backend: string;
  savedAt: string;
}

/** A checkpoint's summary for the page. */
export function checkpointInfo(c: TrainCheckpoint): CheckpointInfo {
  return { epochsCompleted: c.epochsCompleted, epochs: c.epochs, specHash: c.specHash, backend: c.backend, savedAt: c.savedAt };
}

/** The page's checkpoint settings for a training call (plain data). */
export interface TrainResumeOptions {
  /** Least milliseconds between two checkpoints sent to the page; none are sent without `TrainFaultHooks`. */
  checkpointEveryMs?: number;
  /** An encoded checkpoint (encodeCheckpoint) to go on from. */
  resumeFrom?: Uint8Array;
}

/** What the worker tells the page during a training call (one proxied object: Comlink proxies only top-level arguments). */
export interface TrainFaultHooks {
  /** A new checkpoint, encoded in the worker as a Blob, with its summary. */
  checkpoint(bytes: Blob, info: CheckpointInfo): void;
  /** The WebGPU device the run trains on was lost: that worker's TF.js cannot go on. */
  deviceLost(reason: string): void;
}
