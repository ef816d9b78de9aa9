/**
 * Training throughput of one small CNN on one generated image set, with the full augmentation
 * chain on (kiln) and off (reference), measured in the same run on the same backend.
 * Node has only TF.js's CPU backend (single-threaded), so throughput is samples per second of
 * this process's CPU time: wall time on a shared machine mostly measures the neighbours.
 * CPU numbers do not carry over to a GPU: `npm run bench -- augment-webgpu` runs the same arms on
 * WebGPU in Chromium.
 *
 * npm run bench -- augment [--quick]
 * // → {"name":"augment","unit":"samples/s","kiln":…,"reference":…,"ratio":…}
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchSize, channels, filters, runArms, size } from './lib/augment-arms.ts';

const quick = process.argv.includes('--quick');
const n = quick ? 128 : 512;
const rounds = quick ? 1 : 2;

tf.env().set('PROD', true);
await tf.setBackend('cpu');
const now = () => {
  const cpu = process.cpuUsage();
  return { wall: performance.now(), cpu: (cpu.user + cpu.system) / 1000 };
};
const total = await runArms(n, rounds, now);
if (total.tensors[0] !== total.tensors[1]) throw new Error(`tensor count grew from ${total.tensors[0]} to ${total.tensors[1]}`);

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
