/**
 * Training throughput of one small CNN on one generated image set, with the full augmentation
 * chain on (kiln) and off (reference), measured in the same run on the same backend.
 * Node has only TF.js's CPU backend (single-threaded), so throughput is samples per second of
 * this process's CPU time: wall time on a shared machine mostly measures the neighbours.
 * In the browser the same code runs on WebGPU, where these numbers do not carry over.
 *
 * npm run bench -- augment [--quick]
 * // → {"name":"augment","unit":"samples/s","kiln":…,"reference":…,"ratio":…}
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { augmentSchema } from '../src/core/augment/schema.ts';
import { createRng, shuffleInPlace } from '../src/core/split/random.ts';
import { epochAugmenter, type TransformEpoch } from '../workers/augment/epoch.ts';

const quick = process.argv.includes('--quick');
const [size, channels, classes, batchSize] = [32, 3, 10, 32];
const n = quick ? 128 : 512;
const rounds = quick ? 1 : 2;
// Few filters: TF.js's CPU conv backprop is slow, and a cheaper model is the harsher test for augmentation.
const filters = [4, 8];

// Worst case: every op on every image (flips at 0.5 so the per-image select runs too).
const fullChain = augmentSchema.parse({
  enabled: true,
  ops: {
    flipHorizontal: { p: 0.5 },
    flipVertical: { p: 0.5 },
    ...Object.fromEntries(['rotate', 'crop', 'translate', 'brightness', 'contrast', 'noise', 'cutout'].map((op) => [op, { p: 1 }])),
  },
});

/** n images of size² × channels in [0, 1]: a class-coloured square at a random place on noise. */
function generate(): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const rng = createRng(7);
  const pixels = new Float32Array(n * size * size * channels);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = (labels[i] = i % classes);
    const [top, left] = [Math.floor(rng() * (size - 12)), Math.floor(rng() * (size - 12))];
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const inside = r >= top && r < top + 12 && c >= left && c < left + 12;
        for (let k = 0; k < channels; k++) {
          pixels[((i * size + r) * size + c) * channels + k] = inside ? ((label + k * 3) % classes) / classes : rng() * 0.3;
        }
      }
    }
  }
  return { x: tf.tensor4d(pixels, [n, size, size, channels]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), classes) as tf.Tensor2D };
}

/** conv 3×3 ×2, max-pool, dense softmax; seeded so both arms start from the same weights. */
function buildModel(): tf.LayersModel {
  const conv = (filters: number, seed: number, first: boolean) =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      ...(first ? { inputShape: [size, size, channels] } : {}),
    });
  const model = tf.sequential({
    layers: [
      conv(filters[0], 1, true),
      conv(filters[1], 2, false),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** Milliseconds of wall time and of this process's CPU time since `since`. */
function elapsed(since: { wall: number; cpu: NodeJS.CpuUsage }): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(since.cpu);
  return { wall: performance.now() - since.wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** One epoch as fitModel runs it (seeded shuffle, optional hook, fit, dispose); returns its times. */
async function epoch(model: tf.LayersModel, data: { x: tf.Tensor4D; y: tf.Tensor2D }, index: number, hook?: TransformEpoch) {
  const n = data.x.shape[0];
  const order = shuffleInPlace(Array.from({ length: n }, (_, i) => i), createRng(index));
  const start = { wall: performance.now(), cpu: process.cpuUsage() };
  const [gathered, ys] = tf.tidy(() => {
    const idx = tf.tensor1d(order, 'int32');
    return [tf.gather(data.x, idx), tf.gather(data.y, idx)];
  });
  const xs = hook ? hook(gathered, index) : gathered;
  if (xs !== gathered) gathered.dispose();
  await model.fit(xs, ys, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
  tf.dispose([xs, ys]);
  return elapsed(start);
}

tf.env().set('PROD', true);
await tf.setBackend('cpu');
const data = generate();
const hook = epochAugmenter(fullChain, { height: size, width: size, channels, batchSize, seed: 42 });
const [plain, augmented] = [buildModel(), buildModel()];
// Warm-up on one batch per arm (kernel set-up, optimizer slots); not timed.
const warm = { x: data.x.slice(0, batchSize), y: data.y.slice(0, batchSize) };
await epoch(plain, warm, 0);
await epoch(augmented, warm, 0, hook);
tf.dispose([warm.x, warm.y]);
const tensors = tf.memory().numTensors;
const total = { plain: { wall: 0, cpu: 0 }, augmented: { wall: 0, cpu: 0 } };
const add = (into: { wall: number; cpu: number }, t: { wall: number; cpu: number }) => ((into.wall += t.wall), (into.cpu += t.cpu));
// Alternate the arms epoch by epoch so drift in machine load hits both alike.
for (let round = 1; round <= rounds; round++) {
  add(total.plain, await epoch(plain, data, round));
  add(total.augmented, await epoch(augmented, data, round, hook));
}
if (tf.memory().numTensors !== tensors) throw new Error(`tensor count grew from ${tensors} to ${tf.memory().numTensors}`);

const round2 = (v: number) => Math.round(v * 100) / 100;
const perSecond = (ms: number) => round2((n * rounds * 1000) / ms);
const kiln = perSecond(total.augmented.cpu);
const reference = perSecond(total.plain.cpu);
const result = { name: 'augment', unit: 'samples/s', kiln, reference, ratio: Math.round((kiln / reference) * 1000) / 1000 };
const line = JSON.stringify(result);
console.log(line);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'augment.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, line + '\n');
const wall = { kiln: perSecond(total.augmented.wall), reference: perSecond(total.plain.wall) };
console.error(
  `backend ${tf.getBackend()}, ${n} images ${size}×${size}×${channels}, conv ${filters.join('/')}, batch ${batchSize}, ${rounds} timed epoch(s) per arm; ` +
    `wall clock: ${wall.kiln} vs ${wall.reference} samples/s (ratio ${round2(wall.kiln / wall.reference)})`,
);
