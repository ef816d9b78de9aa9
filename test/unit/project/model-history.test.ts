import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../src/core/collect/table.ts';
import { isKilnError } from '../../../src/core/errors.ts';
import { packProject, unpackProject, type ProjectContents } from '../../../src/core/project/kiln-file.ts';
import { decodeHistory, encodeHistory, resultKey, type HistoryModel, type ModelHistory } from '../../../src/core/project/model-history.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';
import { checkpointSpecHash, encodeCheckpoint, type TrainCheckpoint } from '../../../src/core/train/checkpoint.ts';
import { fixtureModel, fixtureRun } from './fixture.ts';

const spec = defaultSpec('data/iris.csv', 'species');
const combined: Table = {
  source: 'iris.csv + batch.csv',
  rowCount: 4,
  warnings: [],
  columns: [
    { name: 'x', type: 'numeric', values: new Float64Array([1, 2, Number.NaN, 4]) },
    { name: 'species', type: 'categorical', categories: ['a', 'b'], codes: new Int32Array([0, 1, 1, 0]) },
  ],
};
const split = { train: [0, 1], validation: [2], test: [3] };
const model = (id: number, deployed: boolean): HistoryModel => ({ id, label: `Model ${id}`, when: '2026-11-30T04:00:00.000Z', metric: 'accuracy', value: 0.5 + id / 100, deployed, keptBytes: deployed ? null : 1234 });
/** Model 1 trained on the project's data, retired; models 2 and 3 share a challenger's data (stored once). */
const history: ModelHistory = {
  models: [model(1, false), model(2, false), model(3, true)],
  kept: {
    1: { files: fixtureModel, result: fixtureRun.result, fingerprint: 'aaaa', split, data: 'project' },
    2: { files: fixtureModel, result: fixtureRun.result, fingerprint: 'bbbb', split, data: combined },
    3: { files: fixtureModel, result: fixtureRun.result, fingerprint: 'bbbb', split: { train: [3], validation: [], test: [0] }, data: combined },
  },
};

function checkpoint(epochsCompleted: number): TrainCheckpoint {
  const w = { name: 'dense/kernel', shape: [2], values: new Float32Array([0.25, -1]) };
  return {
    version: 1, specHash: checkpointSpecHash(spec), split: { train: 2, validation: 1, test: 1 }, epochs: 10, backend: 'cpu', savedAt: '2026-11-30T04:00:00.000Z',
    epochsCompleted, history: Array.from({ length: epochsCompleted }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), numTensors: 9, ms: 5 })), weights: [w], best: null, optimizer: { optimizer: 'adam', step: 3, slots: [new Float32Array([1, 2])] },
    control: { bestEpoch: 0, learningRate: 0.01, earlyStopped: false }, rng: { dropoutCalls: [] }, elapsedMs: 12,
  };
}

const project: ProjectContents = { name: 'Iris', createdAt: '2026-01-02T03:04:05.000Z', spec, data: null, model: fixtureModel, runs: [fixtureRun] };

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await unpackProject(bytes, 'p.kiln');
  } catch (e) {
    if (!isKilnError(e)) throw e;
    return e.message;
  }
  throw new Error('expected the file to be refused');
}

describe('model history entries', () => {
  it('round-trip models, files, results, splits and data; shared data is stored once', () => {
    const entries = encodeHistory(history);
    expect(Object.keys(entries).filter((p) => p.includes('/data/')).every((p) => p.startsWith('history/2/'))).toBe(true);
    const back = decodeHistory(entries)!;
    expect(back.models).toEqual(history.models);
    expect(back.kept[1]).toEqual(history.kept[1]);
    expect(back.kept[2].data).toEqual(combined);
    expect(back.kept[3].data).toBe(back.kept[2].data); // one decoded table, as before the save
    expect(back.kept[3].split).toEqual({ train: [3], validation: [], test: [0] });
    expect(back.kept[2].files['weights.bin']).toEqual(fixtureModel['weights.bin']);
  });

  it("keys a run's result by its losses and predictions, the same after a JSON round trip", () => {
    const r = fixtureRun.result;
    expect(resultKey(JSON.parse(JSON.stringify(r)))).toBe(resultKey(r));
    expect(resultKey({ ...r, history: r.history.map((h, i) => (i === 1 ? { ...h, loss: h.loss + 1e-9 } : h)) })).not.toBe(resultKey(r));
  });

  it('refuses a split past the end of its data, a missing model file and an unlisted model', () => {
    const entries = encodeHistory({ ...history, kept: { 2: { ...history.kept[2], split: { train: [0, 9], validation: [], test: [] } } } });
    expect(() => decodeHistory(entries)).toThrow(/history\/2\/entry\.json: names row 9, but its data has 4 rows/);
    const { 'history/1/model/weights.bin': _, ...noWeights } = encodeHistory(history);
    expect(() => decodeHistory(noWeights)).toThrow(/history\/1\/model\/weights\.bin: is missing/);
    expect(() => decodeHistory(encodeHistory({ models: [model(1, true)], kept: { 7: history.kept[1] } }))).toThrow(/holds model 7, which history\.json does not list/);
  });
});

describe('.kiln files with a model history and a checkpoint', () => {
  it('round-trip both, as format version 2; a file without them stays version 1', async () => {
    const bytes = encodeCheckpoint(checkpoint(4));
    const packed = await packProject({ ...project, history: encodeHistory(history), checkpoint: { bytes, info: { epochsCompleted: 4, epochs: 10, specHash: '', backend: 'cpu', savedAt: '' } } });
    const back = await unpackProject(packed);
    expect(decodeHistory(back.history!)!.models).toEqual(history.models);
    expect(back.history).toEqual(encodeHistory(history));
    expect(back.checkpoint!.bytes).toEqual(bytes);
    expect(back.checkpoint!.info).toEqual({ epochsCompleted: 4, epochs: 10, specHash: checkpointSpecHash(spec), backend: 'cpu', savedAt: '2026-11-30T04:00:00.000Z' });
    const manifest = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(unzipSync(b)['kiln.json'])).version;
    expect(manifest(packed)).toBe(2);
    const plain = await packProject(project);
    expect(manifest(plain)).toBe(1);
    const old = await unpackProject(plain);
    expect([old.history, old.checkpoint]).toEqual([undefined, undefined]);
  });

  it('round-trips any history of listed models (fast-check)', async () => {
    const models = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 999 }), label: fc.string({ maxLength: 40 }), value: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })), deployed: fc.boolean() }), { selector: (m) => m.id, minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(models, fc.integer({ min: 0, max: 5 }), async (list, keptCount) => {
        const listed = list.map((m) => ({ ...m, when: '2026-11-30T04:00:00.000Z', metric: 'accuracy', keptBytes: m.deployed ? null : 10 }));
        const kept = Object.fromEntries(listed.slice(0, keptCount).map((m, i) => [m.id, i % 2 ? history.kept[2] : history.kept[1]]));
        const original: ModelHistory = { models: listed, kept };
        const back = await unpackProject(await packProject({ ...project, history: encodeHistory(original) }));
        const decoded = decodeHistory(back.history!)!;
        expect(decoded.models).toEqual(listed.map((m) => ({ ...m, value: Object.is(m.value, -0) ? 0 : m.value })));
        expect(Object.keys(decoded.kept).map(Number).sort((a, b) => a - b)).toEqual(Object.keys(kept).map(Number).sort((a, b) => a - b));
        for (const [id, k] of Object.entries(kept)) expect(decoded.kept[Number(id)].data).toEqual(k.data);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a damaged checkpoint, a hostile history path and a history without its list, with a message', async () => {
    const good = unzipSync(await packProject({ ...project, history: encodeHistory(history), checkpoint: { bytes: encodeCheckpoint(checkpoint(2)), info: checkpoint(2) } }));
    const repack = async (entries: Record<string, Uint8Array>) => {
      const { 'kiln.json': m, ...rest } = entries;
      const manifest = JSON.parse(new TextDecoder().decode(m));
      const { sha256Hex } = await import('../../../src/core/project/checksum.ts');
      manifest.files = Object.fromEntries(await Promise.all(Object.entries(rest).map(async ([p, b]) => [p, { bytes: b.length, sha256: await sha256Hex(b) }])));
      return zipSync({ ...rest, 'kiln.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    };
    const cut = good['checkpoint.bin'].slice(0, -3);
    expect(await refusal(await repack({ ...good, 'checkpoint.bin': cut }))).toMatch(/^p\.kiln: checkpoint\.bin: .*not a usable training checkpoint/);
    expect(await refusal(await repack({ ...good, 'history/1/../../x': new Uint8Array(1) }))).toMatch(/not a path a project may contain/);
    const { 'history.json': _, ...noList } = good;
    expect(await refusal(await repack(noList))).toMatch(/history\/ entries come without history\.json/);
  });
});
