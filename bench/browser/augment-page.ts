// The browser half of `npm run bench -- augment-webgpu`: runs the augmentation benchmark's two
// arms on WebGPU and leaves the result on window.benchResult for the runner to read.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { runArms } from '../lib/augment-arms.ts';

declare global {
  interface Window {
    benchResult?: unknown;
  }
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 128);
const rounds = Number(params.get('rounds') ?? 1);
const status = document.getElementById('status')!;

try {
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(params.get('backend') ?? 'webgpu'))) throw new Error(`backend ${params.get('backend') ?? 'webgpu'} is not available`);
  await tf.ready();
  const adapter = await navigator.gpu?.requestAdapter();
  const times = await runArms(n, rounds, () => ({ wall: performance.now() }));
  window.benchResult = { backend: tf.getBackend(), adapter: adapter?.info ? `${adapter.info.vendor} ${adapter.info.architecture}`.trim() : null, n, rounds, ...times };
  status.textContent = 'Done.';
} catch (e) {
  window.benchResult = { error: (e as Error).message };
  status.textContent = `Failed: ${(e as Error).message}`;
}
