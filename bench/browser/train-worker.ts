// The worker half of `npm run bench -- train`: trains both workloads with both arms off the main
// thread, as Kiln's page does, posting throttled progress to the page and the result at the end.
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../src/core/train/protocol.ts';
import { activate, availableBackends } from '../../workers/train/backends.ts';
import { pickBackend } from '../../workers/train/pick-backend.ts';
import { autoMeasure, convnet, mlp, runArm, type ArmResult, type Workload } from '../lib/train-arms.ts';

const post = (message: unknown) => self.postMessage(message);
const report = (arm: string, epoch: number, batch: number, loss: number) => post({ type: 'progress', arm, epoch, batch, loss });

/**
 * Both arms for `rounds` rounds, swapping which goes first each round; each arm's best round
 * (the run shares its CPU with others).
 */
async function compare(work: Workload, epochs: number, rounds: number): Promise<{ reference: ArmResult; kiln: ArmResult }> {
  let best: { reference: ArmResult; kiln: ArmResult } | null = null;
  for (let r = 0; r < rounds; r++) {
    const first = r % 2 === 0 ? 'reference' : 'kiln';
    const a = await runArm(work, first, epochs, report);
    const b = await runArm(work, first === 'reference' ? 'kiln' : 'reference', epochs, report);
    const [reference, kiln] = first === 'reference' ? [a, b] : [b, a];
    if (!best) best = { reference, kiln };
    else {
      if (reference.samplesPerSecond > best.reference.samplesPerSecond) best.reference = reference;
      if (kiln.samplesPerSecond > best.kiln.samplesPerSecond) best.kiln = kiln;
    }
  }
  return best!;
}

/** What "auto" picks for `work`, and Kiln's samples/s on every available backend (one epoch each). */
async function autoVsBest(work: Workload, available: BackendName[]): Promise<{ auto: BackendName; measured: Partial<Record<BackendName, number>>; ratio: number }> {
  const choice = await pickBackend('auto', () => autoMeasure(work));
  const measured: Partial<Record<BackendName, number>> = {};
  for (const name of available) {
    await activate(name);
    measured[name] = Math.round((await runArm(work, 'kiln', 1, report)).samplesPerSecond);
  }
  const best = Math.max(...Object.values(measured));
  return { auto: choice.name, measured, ratio: (measured[choice.name] ?? 0) / best };
}

self.onmessage = async (e: MessageEvent<{ quick: boolean; backend: BackendName | null }>) => {
  const { quick, backend } = e.data;
  try {
    tf.env().set('PROD', true);
    const available = await availableBackends();
    const conv = convnet(quick ? 640 : 2560);
    const autoMlp = await autoVsBest(mlp, available);
    // Each workload trains on the backend "auto" picks for it (or the one given). A quick run
    // lets auto time the convnet on batches of 64 and skips its all-backends comparison.
    const autoConv = quick ? null : await autoVsBest(convnet(640), available);
    const convAuto = backend ?? autoConv?.auto ?? (await pickBackend('auto', () => autoMeasure(conv, 64))).name;
    const use = async (name: BackendName) => {
      if (!(await activate(name))) throw new Error(`backend ${name} is not available here`);
      return name;
    };
    const mlpBackend = await use(backend ?? autoMlp.auto);
    const mlpRuns = await compare(mlp, quick ? 2 : 4, 2);
    const convBackend = await use(convAuto);
    // Two rounds even when quick: whichever arm runs second in a round is measurably slower.
    const convRuns = await compare(conv, 1, 2);
    post({ type: 'done', result: { backend: mlpBackend, convnetBackend: convBackend, available, autoMlp, autoConv, mlp: mlpRuns, convnet: convRuns } });
  } catch (err) {
    post({ type: 'error', message: (err as Error).stack ?? String(err) });
  }
};
