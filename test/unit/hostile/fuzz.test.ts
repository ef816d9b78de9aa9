import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { ingestCsv } from '../../../src/core/collect/csv-ingest.ts';
import { checkLabel } from '../../../src/core/collect/csv-label.ts';
import { cellText } from '../../../src/core/collect/table.ts';
import { isKilnError } from '../../../src/core/errors.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';
import type { PipelineSpec } from '../../../src/core/spec/schema.ts';
import { planRun } from '../../../src/core/train/plan.ts';
import { loadSpec } from '../../../src/cli/main.ts';
import { decodeImage, loadImageFolder } from '../../../src/cli/images.ts';
import { unpackProject, packProject } from '../../../src/core/project/kiln-file.ts';
import type { TrainResult } from '../../../src/core/train/protocol.ts';
import { loadPredictor } from '../../../workers/deploy/predictor.ts';
import { trainedFromFiles } from '../../../workers/project/restore-model.ts';
import { disposeModel } from '../../../workers/train/model.ts';
import { trainOn } from '../../../workers/train/pipeline.ts';
import { craftZip } from '../../fixtures/images/craft-zip.ts';
import { shapePng } from '../../fixtures/hostile/make.ts';

// Random byte mutations of a valid input of each kind, through the runner's loaders: each must
// end in a value or a KilnError (never another exception), within a time bound. Iteration counts
// are small for a shared 2-core machine; the seed is fixed so a failure reproduces.
const boundMs = 2_000;
const seed = Number(process.env.KILN_FUZZ_SEED ?? 14);
const tmp = mkdtempSync(join(tmpdir(), 'kiln-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One edit to a byte string: overwrite, insert, delete a byte, or cut it short. */
const edit = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), byte: fc.constantFrom(0, 10, 13, 34, 44, 59, 0xef, 0xff, 0x80) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), byte: fc.constant(0) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), at: fc.nat(), byte: fc.constant(0) }) },
);
type Edit = { op: 'set' | 'insert' | 'delete' | 'cut'; at: number; byte: number };

function mutate(bytes: Uint8Array, edits: Edit[]): Uint8Array {
  const out = [...bytes];
  for (const { op, at, byte } of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (op === 'set' && out.length) out[i] = byte;
    else if (op === 'insert') out.splice(i, 0, byte);
    else if (op === 'delete') out.splice(i, 1);
    else if (op === 'cut') out.length = i;
  }
  return Uint8Array.from(out);
}

/** Runs `load` on every mutation of `valid`, failing on any non-KilnError or a call over the bound. */
async function fuzz(valid: Uint8Array, runs: number, load: (bytes: Uint8Array) => unknown): Promise<{ refused: number; slowestMs: number }> {
  let refused = 0;
  let slowestMs = 0;
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
      const started = performance.now();
      calls++;
      try {
        await load(mutate(valid, edits));
      } catch (e) {
        if (!isKilnError(e)) throw e;
        refused++;
      }
      const ms = performance.now() - started;
      slowestMs = Math.max(slowestMs, ms);
      expect(ms).toBeLessThan(boundMs);
    }),
    { numRuns: runs, seed },
  );
  expect(calls).toBe(runs);
  if (process.env.KILN_FUZZ_REPORT) console.log(`fuzz: ${runs} runs, ${refused} refused, slowest ${slowestMs.toFixed(1)} ms`);
  return { refused, slowestMs };
}

const csvText = 'name,"note, quoted",x,label\n' + Array.from({ length: 12 }, (_, i) => `"n ""${i}""",${i % 3 ? 'a' : '"b\nc"'},${i * 1.5},${i % 2 ? 'yes' : 'no'}`).join('\n') + '\n';

describe('byte mutations never escape as anything but a KilnError', () => {
  it('CSV: 1000 mutations through the streaming loader, the label check and the run plan', async () => {
    const spec = defaultSpec('fuzz.csv', 'label');
    const r = await fuzz(new TextEncoder().encode(csvText), 1000, async (bytes) => {
      const table = await ingestCsv([bytes.subarray(0, bytes.length >> 1), bytes.subarray(bytes.length >> 1)], { source: 'fuzz.csv', total: bytes.length });
      checkLabel(table, 'label');
      planRun(spec, table);
    });
    expect(r.refused).toBeGreaterThan(0);
  }, 60_000);

  it('PNG: 1000 mutations through the decoder, which answers with pixels or a reason (it never throws)', async () => {
    const r = await fuzz(shapePng('circle', 1), 1000, (bytes) => decodeImage(bytes, 3));
    expect(r.refused).toBe(0);
  }, 60_000);

  it('zip: 300 mutations of a zip of two classes through the runner\'s zip loader', async () => {
    const zip = craftZip([0, 1, 2].flatMap((v) => [{ name: `circle/${v}.png`, data: shapePng('circle', v) }, { name: `square/${v}.png`, data: shapePng('square', v), method: 0 as const }]));
    const path = join(tmp, 'fuzz.zip');
    const r = await fuzz(zip, 300, (bytes) => {
      writeFileSync(path, bytes);
      return loadImageFolder(path, { width: 16, height: 16, channels: 1 });
    });
    expect(r.refused).toBeGreaterThan(0);
  }, 60_000);

  it('spec: 1000 mutations of a spec file through kiln\'s spec loader', async () => {
    const text = JSON.stringify({ version: 1, data: { source: 'x.csv', label: 'y', features: ['a', 'b'] }, split: { train: 0.7, validation: 0.15, test: 0.15 }, train: { epochs: 5, learningRate: 0.01 } });
    const path = join(tmp, 'fuzz.json');
    const r = await fuzz(new TextEncoder().encode(text), 1000, (bytes) => {
      writeFileSync(path, bytes);
      return loadSpec(path);
    });
    expect(r.refused).toBeGreaterThan(0);
  }, 60_000);

  describe('model folder', () => {
    let files: Record<string, Uint8Array>;
    beforeAll(async () => {
      tf.env().set('PROD', true);
      const base = defaultSpec('t.csv', 'label');
      const spec: PipelineSpec = { ...base, train: { ...base.train, epochs: 1 }, backend: 'cpu' };
      const run = await trainOn(spec, parseCsv('a,b,label\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 4},${i % 2 ? 'x' : 'y'}`).join('\n'), 't.csv'));
      files = await run.files();
      disposeModel(run.model);
    }, 60_000);

    for (const name of ['preprocessing.json', 'model.json', 'weights.bin']) {
      it(`${name}: 200 mutations through the predictor loader`, async () => {
        await fuzz(files[name], 200, async (bytes) => (await loadPredictor({ ...files, [name]: bytes }, { dir: 'fuzz' })).dispose());
      }, 60_000);
      it(`${name}: 200 mutations through the page's model restore (a .kiln import)`, async () => {
        await fuzz(files[name], 200, async (bytes) => disposeModel((await trainedFromFiles({ ...files, [name]: bytes }, {} as TrainResult, '')).model));
      }, 60_000);
    }

    it('.kiln: 300 mutations of a whole project file through the import', async () => {
      const table = parseCsv('a,b,label\n' + Array.from({ length: 20 }, (_, i) => `${i},${i % 4},${i % 2 ? 'x' : 'y'}`).join('\n'), 't.csv');
      const kiln = await packProject({ name: 'fuzz', createdAt: '2026-11-30T00:00:00.000Z', spec: defaultSpec('t.csv', 'label'), data: table, model: files, runs: [] });
      const r = await fuzz(kiln, 300, async (bytes) => {
        const project = await unpackProject(bytes, 'fuzz.kiln');
        if (project.model) disposeModel((await trainedFromFiles(project.model, {} as TrainResult, '')).model);
      });
      expect(r.refused).toBeGreaterThan(0);
    }, 60_000);
  });
});

describe('CSV round trip', () => {
  it('a one-column file whose cells hold tabs stays one column (found by the round trip, seed 3)', () => {
    const table = parseCsv('c0\na\t\tß\nb\n', 'one.csv');
    expect(table.columns.map((c) => c.name)).toEqual(['c0']);
    expect(cellText(table.columns[0], 0)).toBe('a\t\tß');
  });

  // Text cells with quotes, commas, newlines and any Unicode; each holds a letter so it stays text.
  const cell = fc.tuple(fc.constantFrom('a', 'Ж', 'é', '名', 'z'), fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r\n', ';', "'", ' x', '😀', 'ß', '\t', 'q') })).map(([a, b]) => a + b);
  it('200 generated tables: Papa-written CSV parses back to the same cells', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.array(cell, { minLength: 24, maxLength: 24 }), (cols, rows, cells) => {
        const header = Array.from({ length: cols }, (_, j) => `c${j}`);
        const data = Array.from({ length: rows }, (_, i) => header.map((_, j) => cells[(i * cols + j) % cells.length].trim() || 'v'));
        const table = parseCsv(Papa.unparse({ fields: header, data }, { newline: '\n' }), 'rt.csv');
        const back = Array.from({ length: rows }, (_, i) => table.columns.map((c) => cellText(c, i)));
        expect(back).toEqual(data);
      }),
      { numRuns: 200, seed },
    );
  });
});

it('the PNG under fuzz decodes when left alone', () => {
  expect(decodeImage(shapePng('circle', 1), 1)).toMatchObject({ width: 16, height: 16 });
});
