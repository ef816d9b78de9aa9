import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isKilnError } from '../../../src/core/errors.ts';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import type { Table } from '../../../src/core/collect/table.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';
import type { PipelineSpec } from '../../../src/core/spec/schema.ts';
import { planImageRun } from '../../../src/core/train/image-plan.ts';
import { planRun } from '../../../src/core/train/plan.ts';
import { loadSpec } from '../../../src/cli/main.ts';
import { readBaseline } from '../../../src/cli/monitor.ts';
import { runPredict } from '../../../src/cli/predict.ts';
import { loadTrainingData } from '../../../src/cli/source.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';
import { hostileInputs, type HostileInput } from '../../fixtures/hostile/expected.ts';
import { makeHostileCorpus, makeModelFolders, makeProjects } from '../../fixtures/hostile/make.ts';
import { readFile } from 'node:fs/promises';
import { unpackProject } from '../../../src/core/project/kiln-file.ts';
import type { TrainResult } from '../../../src/core/train/protocol.ts';
import { trainedFromFiles } from '../../../workers/project/restore-model.ts';

// Every hostile input goes through the runner's own loaders (the same streaming CSV parser, zip
// reader and image layout the page's worker uses) and then the run plan, stopping before any
// tensor: the outcome must be the one the table states, within a time bound, and no message may
// show TF.js or engine internals.
const committed = fileURLToPath(new URL('../../fixtures/hostile/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'kiln-hostile-'));
const boundMs = 20_000;
const internals = /\btensors?\b|\bconcat\b|\bundefined\b|\n\s+at \S/;

/** What happened to one input: the lines it warned with, or the message it was refused with. */
type Outcome = { outcome: 'accepted' | 'warning'; warnings: string[] } | { outcome: 'refused'; message: string };

beforeAll(async () => {
  cpSync(committed, root, { recursive: true, filter: (src) => !/\.ts$/.test(src) });
  makeHostileCorpus(root);
  // A real trained model (2 epochs on a 10-row table) to break in each model folder.
  tf.env().set('PROD', true);
  const base = defaultSpec('train.csv', 'label');
  const spec: PipelineSpec = { ...base, train: { ...base.train, epochs: 2 }, backend: 'cpu' };
  const table = parseCsv('a,b,label\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 4},${i % 2 ? 'x' : 'y'}`).join('\n'), 'train.csv');
  const run = await trainOn(spec, table);
  try {
    const files = await run.files();
    makeModelFolders(root, files);
    await makeProjects(root, spec, table, files);
  } finally {
    disposeModel(run.model);
  }
  writeFileSync(join(root, 'predict-input.csv'), 'a,b\n1,2\n3,=cmd\n-1.5,\n');
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Loads (and plans, or predicts with) one input as `kiln run` / `kiln predict` would. */
async function load(input: HostileInput, warnings: string[]): Promise<void> {
  const path = join(root, input.path);
  if (input.kind === 'model') {
    const out = join(root, `predicted-${input.path.replaceAll('/', '-')}.csv`);
    await runPredict({ kind: 'predict', modelDir: path, input: join(root, 'predict-input.csv'), out, batch: 64, verbose: false });
    await readBaseline(path);
    return;
  }
  if (input.kind === 'project') {
    // The runner trains on the data inside; the page's import unpacks, then puts the model back in the worker.
    const { spec, bundled } = await loadSpec(path);
    planRun(spec, bundled as Table);
    const contents = await unpackProject(new Uint8Array(await readFile(path)), input.path);
    const trained = await trainedFromFiles(contents.model!, {} as TrainResult, '');
    disposeModel(trained.model);
    return;
  }
  let spec: PipelineSpec;
  let dir = root;
  if (input.kind === 'spec') {
    const loaded = await loadSpec(path);
    spec = loaded.spec;
    dir = dirname(path);
  } else spec = defaultSpec(path, input.label ?? 'label');
  const data = await loadTrainingData(spec, dir);
  const plan = 'columns' in data ? planRun(spec, data) : planImageRun(spec, data);
  warnings.push(...plan.warnings);
}

async function outcomeOf(input: HostileInput): Promise<Outcome> {
  const warnings: string[] = [];
  const stderr = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')));
  try {
    await load(input, warnings);
    // The early-stopping note and the small sets' few-images note are not about the input's hostility
    // (the few-images note counts only where it names a class with a single image).
    const real = warnings.filter((w) => !/early stopping/.test(w) && !(/a few dozen per class is a sensible minimum/.test(w) && !/\(1\)/.test(w)));
    return { outcome: real.length > 0 ? 'warning' : 'accepted', warnings: real };
  } catch (e) {
    if (!isKilnError(e)) throw e; // a crash: anything but a KilnError is a bug in a loader
    return { outcome: 'refused', message: e.message };
  } finally {
    stderr.mockRestore();
  }
}

describe('the hostile corpus', () => {
  it(`has at least 40 inputs across every loader (${hostileInputs.length})`, () => {
    expect(hostileInputs.length).toBeGreaterThanOrEqual(40);
    expect(new Set(hostileInputs.map((h) => h.kind))).toEqual(new Set(['table', 'images', 'spec', 'model', 'project']));
  });

  for (const input of hostileInputs) {
    it(`${input.path}: ${input.expect.outcome}`, async () => {
      const started = performance.now();
      const got = await outcomeOf(input);
      const ms = performance.now() - started;
      expect(ms, `${input.path} took ${Math.round(ms)} ms`).toBeLessThan(boundMs);
      const said = got.outcome === 'refused' ? got.message : got.warnings.join('\n');
      expect(got.outcome, said).toBe(input.expect.outcome);
      if (input.expect.outcome !== 'accepted') expect(said).toMatch(input.expect.message);
      expect(said).not.toMatch(internals);
    }, boundMs + 10_000);
  }
});
