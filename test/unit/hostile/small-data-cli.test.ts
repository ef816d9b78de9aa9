import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The case: a 4-row CSV with quoted fields and two classes, trained with the defaults,
// ran 60 epochs and died with "kiln: Pass at least one tensor to concat" (its test split was empty).
const timeout = 90_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = join(root, 'test/fixtures/hostile/four-rows-quoted.csv');
const tmp = mkdtempSync(join(tmpdir(), 'kiln-small-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(spec: object): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join(tmp, `spec-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ version: 1, ...spec }));
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kiln.js', 'run', path, '--out', join(tmp, 'out')], { cwd: root, timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('kiln run on a 4-row CSV', () => {
  it('refuses with the defaults, in one line, before any epoch', async () => {
    const exit = await run({ data: { source: fixture, label: 'label' } });
    expect(exit.code).toBe(1);
    expect(exit.stderr).not.toMatch(/epoch|tensor|concat|undefined|\n\s+at /);
    expect(exit.stderr.trimEnd().split('\n')).toEqual([
      `kiln: ${fixture}, split.test: the test split gets no rows: 4 labelled rows × test 0.15 round to none, so there is nothing to score the model on; ` +
        'add rows (at least 7 for test 0.15) or give split.test a larger share such as 0.25',
    ]);
  }, timeout);

  it('trains with the share the message suggests, and writes predictions for its one test row', async () => {
    const exit = await run({ data: { source: fixture, label: 'label' }, split: { train: 0.5, validation: 0.25, test: 0.25 }, train: { epochs: 3 } });
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toContain('kiln: split train 2, validation 1, test 1\n');
    const lines = readFileSync(join(tmp, 'out', 'predictions.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('row,label,prediction,p_no,p_yes');
    expect(lines).toHaveLength(2);
  }, timeout);
});
