import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPredictor, type Predictor } from '../../../workers/deploy/predictor.ts';
import { predictRecords } from '../../../workers/deploy/predict-rows.ts';
import { penguinsHeader, penguinsRows, trainFixture, writeModelDir } from '../deploy/predict/train-fixture.ts';

const timeout = 60_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'kiln-predict-'));
const modelDir = join(tmp, 'model');
let predictor: Predictor;

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

function kiln(...args: string[]): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kiln.js', ...args], { cwd: root, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

function put(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  const { files } = await trainFixture();
  writeModelDir(modelDir, files);
  predictor = await loadPredictor(files);
}, timeout);
afterAll(() => {
  predictor?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

/** What the in-process predictor says for penguins row `i`, as output cells. */
function expected(i: number): string[] {
  const record = Object.fromEntries(penguinsHeader.map((h, c) => [h, penguinsRows[i][c]]));
  const p = predictRecords(predictor, [record]).predictions[0]!;
  return [String(p.prediction), ...p.probabilities!.map((v) => String(+v.toFixed(6))), ''];
}

describe('kiln predict', () => {
  it('keeps every input column, adds prediction, p_<class> and error, and marks only the bad rows', async () => {
    // Shuffled columns, an extra `id`, the label kept; then a ragged row, text in a number column, a blank line.
    const order = ['id', 'sex', 'bill_depth_mm', 'island', 'species', 'flipper_length_mm', 'body_mass_g', 'bill_length_mm'];
    const line = (i: number, patch: Record<string, string> = {}) => order.map((c) => patch[c] ?? (c === 'id' ? `r${i}` : penguinsRows[i][penguinsHeader.indexOf(c)])).join(',');
    const text = [order.join(','), line(0), line(3), 'r9,male,17', '', line(200, { body_mass_g: 'heavy' }), line(300), ''].join('\n');
    const out = join(tmp, 'mixed.out.csv');
    const run = await kiln('predict', modelDir, put('mixed.csv', text), '--out', out, '--batch', '2');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^predicted 5 rows \\(2 with errors\\) in \\d+\\.\\d\\d s, \\d+ rows/s → ${out}\\n$`));
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').trimEnd()).data;
    expect(rows[0]).toEqual([...order, 'prediction', 'p_Adelie', 'p_Chinstrap', 'p_Gentoo', 'error']);
    const input = (i: number) => line(i).split(',');
    expect(rows.slice(1)).toEqual([
      [...input(0), ...expected(0)],
      [...input(3), ...expected(3)], // every measurement missing: imputed, still predicted
      ['r9', 'male', '17', '', '', '', '', '', '', '', '', '', 'has 3 values but the header has 8'],
      [...line(200, { body_mass_g: 'heavy' }).split(','), '', '', '', '', "column 'body_mass_g': 'heavy' is not a number"],
      [...input(300), ...expected(300)],
    ]);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, timeout);

  it('refuses a file without a column the model needs: exit 1, one clear line, no output file', async () => {
    const text = ['island,bill_length_mm,sex', 'Dream,40,male'].join('\n');
    const out = join(tmp, 'missing.out.csv');
    const run = await kiln('predict', modelDir, put('missing.csv', text), '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("kiln: missing.csv: is missing the columns 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g' that the model needs; it has island, bill_length_mm, sex\n");
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  }, timeout);

  it('says so for an empty file and a header-only file, writing nothing', async () => {
    const out = join(tmp, 'empty.out.csv');
    const empty = await kiln('predict', modelDir, put('empty.csv', ''), '--out', out);
    expect([empty.code, empty.stderr]).toEqual([1, 'kiln: empty.csv: the file is empty\n']);
    const headerOnly = await kiln('predict', modelDir, put('header.csv', penguinsHeader.join(',') + '\n'), '--out', out);
    expect([headerOnly.code, headerOnly.stderr]).toEqual([1, 'kiln: header.csv: has a header row but no data rows\n']);
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  }, timeout);

  it('names a missing model directory and missing arguments', async () => {
    const run = await kiln('predict', join(tmp, 'nope'), 'x.csv', '--out', join(tmp, 'o.csv'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`kiln: ${join(tmp, 'nope')}: model directory not found; pass the model/ folder that 'kiln run' wrote\n`);
    const noOut = await kiln('predict', modelDir, 'x.csv');
    expect(noOut.stderr).toBe('kiln: missing --out <file.csv>: kiln predict <model-dir> <input.csv> --out <file.csv>\n');
  }, timeout);
});
