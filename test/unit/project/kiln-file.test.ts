import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/core/collect/table.ts';
import { isKilnError } from '../../../src/core/errors.ts';
import { packProject, unpackProject, type ProjectContents } from '../../../src/core/project/kiln-file.ts';
import { defaultSpec, validateSpec } from '../../../src/core/spec/validate.ts';
import { fixtureModel, fixtureRun } from './fixture.ts';

const table: Table = {
  source: 'data/iris.csv',
  rowCount: 3,
  warnings: ['renamed a duplicate header'],
  columns: [
    { name: 'x', type: 'numeric', values: new Float64Array([1.5, Number.NaN, -0]) },
    { name: 'species', type: 'categorical', categories: ['a', 'b'], codes: new Int32Array([0, -1, 1]) },
  ],
  lines: new Int32Array([2, 4, 5]),
};
const project: ProjectContents = { name: 'Iris', createdAt: '2026-01-02T03:04:05.000Z', spec: defaultSpec('data/iris.csv', 'species'), data: table, model: fixtureModel, runs: [fixtureRun] };

/** Unpacks `bytes`, which must be refused; returns the message. */
async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await unpackProject(bytes, 'p.kiln');
  } catch (e) {
    if (!isKilnError(e)) throw e;
    return e.message;
  }
  throw new Error('expected the file to be refused');
}

describe('.kiln project files', () => {
  it('round-trips spec, table (NaN, -0, missing codes, file lines), model bytes and runs', async () => {
    const bytes = await packProject(project);
    const back = await unpackProject(bytes);
    expect(back.name).toBe('Iris');
    expect(back.spec).toEqual(project.spec);
    expect(back.data).toEqual(table);
    const x = (back.data as Table).columns[0];
    expect(x.type === 'numeric' && Object.is(x.values[2], -0)).toBe(true);
    expect(back.model).toEqual(fixtureModel);
    expect(back.runs).toEqual(JSON.parse(JSON.stringify([fixtureRun])));
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(bytes)['kiln.json']));
    expect(manifest).toMatchObject({ format: 'kiln-project', version: 1, name: 'Iris' });
    expect(manifest.files['data/columns/0.bin']).toEqual({ bytes: 24, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('round-trips an image set and a project without data or model', async () => {
    const images = { source: 'shapes', width: 2, height: 2, channels: 1 as const, classes: ['circle', 'square'], labels: new Int32Array([1, 0]), pixels: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 255]), names: ['square/1.png', 'circle/2.png'], skipped: [{ name: 'x.gif', reason: 'not an image' }], warnings: [] };
    expect((await unpackProject(await packProject({ ...project, data: images }))).data).toEqual(images);
    const bare = await unpackProject(await packProject({ ...project, data: null, model: null, runs: [] }));
    expect([bare.data, bare.model, bare.runs]).toEqual([null, null, []]);
  });

  it('round-trips any table (property)', async () => {
    const column = fc.oneof(
      fc.record({ name: fc.string(), type: fc.constant('numeric' as const), values: fc.array(fc.double(), { minLength: 5, maxLength: 5 }) }),
      fc.record({ name: fc.string(), type: fc.constant('categorical' as const), categories: fc.array(fc.string(), { minLength: 3, maxLength: 3 }), codes: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 5, maxLength: 5 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(column, { maxLength: 4 }), fc.string({ maxLength: 200 }), async (cols, name) => {
        const data: Table = {
          source: 'f.csv', rowCount: 5, warnings: [],
          columns: cols.map((c) => (c.type === 'numeric' ? { ...c, values: new Float64Array(c.values) } : { ...c, codes: new Int32Array(c.codes) })),
        };
        const back = await unpackProject(await packProject({ ...project, name, data, model: null, runs: [] }));
        expect(back.data).toEqual(data);
        expect(back.name).toBe(name.trim() || 'Imported project');
      }),
      { numRuns: 40 },
    );
  });

  it('round-trips any valid project: spec settings, name, runs and model present or not (property)', async () => {
    const specs = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), epochs: fc.integer({ min: 1, max: 500 }), learningRate: fc.double({ min: 1e-5, max: 1, noNaN: true }), hidden: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 }), label: fc.string({ minLength: 1, maxLength: 20 }) });
    await fc.assert(
      fc.asyncProperty(specs, fc.string({ maxLength: 50 }), fc.boolean(), fc.integer({ min: 0, max: 3 }), async (o, name, withModel, runCount) => {
        const r = validateSpec({ version: 1, seed: o.seed, data: { source: 'd.csv', label: o.label }, model: { hidden: o.hidden }, train: { epochs: o.epochs, learningRate: o.learningRate } });
        if (!r.ok) return; // a combination the spec refuses is not a valid project
        const runs = Array.from({ length: runCount }, (_, i) => ({ ...fixtureRun, id: i + 1, label: `Run ${i + 1}` }));
        const original = { ...project, name, spec: r.spec, model: withModel ? fixtureModel : null, runs };
        const back = await unpackProject(await packProject(original));
        expect(back).toEqual({ ...JSON.parse(JSON.stringify({ ...original, data: null, model: null })), name: name.trim() || 'Imported project', data: table, model: original.model });
      }),
      { numRuns: 25 },
    );
  });

  it('refuses any truncation with a message (property)', async () => {
    const bytes = await packProject(project);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (n) => {
      expect(await refusal(bytes.slice(0, n))).toMatch(/^p\.kiln/);
    }), { numRuns: 60 });
  });

  it('refuses mutated bytes with a message, never a crash (property)', async () => {
    const bytes = await packProject(project);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (flips) => {
        const bad = bytes.slice();
        for (const [at, x] of flips) bad[at] ^= x;
        // A flip in a zip header field nobody reads (a timestamp) may leave a valid project: then it must equal the original.
        try {
          const back = await unpackProject(bad, 'p.kiln');
          expect(back.spec).toEqual(project.spec);
          expect(back.data).toEqual(table);
        } catch (e) {
          if (!isKilnError(e)) throw e;
          expect(e.message).toMatch(/^p\.kiln/);
        }
      }),
      { numRuns: Number(process.env.KILN_FUZZ_RUNS ?? 150) },
    );
  });

  it('names what is wrong in hostile files', async () => {
    const good = unzipSync(await packProject(project));
    const rezip = (change: (e: Record<string, Uint8Array>) => void) => {
      const e = { ...good };
      change(e);
      return zipSync(e);
    };
    expect(await refusal(strToU8('a,b\n1,2\n'))).toBe('p.kiln: is not a Kiln project file (not a zip archive)');
    expect(await refusal(rezip((e) => (e['../evil.sh'] = strToU8('rm -rf /'))))).toMatch(/\.\.\/evil\.sh: is not a path a project may contain/);
    expect(await refusal(rezip((e) => (e['model/x.bin'] = strToU8('extra'))))).toMatch(/model\/x\.bin: is not listed in kiln\.json/);
    expect(await refusal(rezip((e) => delete e['runs.json']))).toMatch(/runs\.json: is listed in kiln\.json but missing/);
    expect(await refusal(rezip((e) => (e['spec.json'] = strToU8('{"version":1}'))))).toMatch(/spec\.json: (holds|does not match)/);
    expect(await refusal(rezip((e) => (e['kiln.json'] = strToU8('{"format":"kiln-project","version":9}'))))).toMatch(/saved by a newer Kiln \(project format 9/);
    expect(await refusal(rezip((e) => (e['kiln.json'] = strToU8('not json'))))).toMatch(/kiln\.json: is not valid JSON/);
    expect(await refusal(zipSync({}))).toMatch(/kiln\.json: is missing/);
  });

  it('refuses a zip bomb from its directory, before inflating it', async () => {
    // Deflate cannot pass ~1032:1, so a directory declaring more lies; so does one declaring 2 GB.
    const zip = zipSync({ 'data/pixels.bin': [new Uint8Array(1024 * 1024), { level: 9 }] });
    const declare = (size: number) => {
      const bad = zip.slice();
      const view = new DataView(bad.buffer);
      const central = bad.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
      view.setUint32(central + 24, size, true);
      return bad;
    };
    const started = performance.now();
    expect(await refusal(declare(0xfff00000))).toMatch(/^p\.kiln: data\/pixels\.bin: would unpack to 4095\.0 MB, over the 1024\.0 MB limit for one entry$/);
    expect(await refusal(declare(500 * 1024 * 1024))).toMatch(/data\/pixels\.bin: would unpack \d+ bytes to 500\.0 MB: refused as a likely zip bomb/);
    expect(performance.now() - started).toBeLessThan(100);
    const limits = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 10_000, maxRatio: 1100, maxJsonBytes: 1000 };
    await expect(unpackProject(zipSync({ 'spec.json': [new Uint8Array(5000).fill(65), { level: 0 }] }), 'p.kiln', limits)).rejects.toThrow(/spec\.json: would unpack to 0\.0 MB, over the 0\.0 MB limit/);
  });

  it('refuses data whose cells do not fit their header', async () => {
    const bad: Table = { ...table, columns: [table.columns[0], { name: 'species', type: 'categorical', categories: ['a'], codes: new Int32Array([0, -1, 1]) }] };
    expect(await refusal(await packProject({ ...project, data: bad }))).toBe('p.kiln: data/columns/1.bin: row 3 has category code 1, but the column has 1 categories');
  });
});
