import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobChunks, ingestCsv, LoadCancelled, type LoadProgress } from '../../../src/core/collect/csv-ingest.ts';
import { cut, oneShot, outcome } from './csv-helpers.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const ingest = (chunks: Uint8Array[], source = 't.csv') => outcome(() => ingestCsv(chunks, { source }));

describe('ingestCsv', () => {
  it('gives the same Table as parseCsv for bytes cut anywhere, even inside a character', async () => {
    const row = fc.tuple(fc.constantFrom('é', 'ü', '字', '😀', 'a'), fc.integer({ min: 0, max: 99 })).map(([s, n]) => `${s},${n}`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 12 }).chain((rows) => {
          const bytes = utf8('\uFEFFword,n\r\n' + rows.join('\r\n'));
          return fc.tuple(fc.constant(bytes), fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 10 }));
        }),
        async ([bytes, at]) => {
          const text = new TextDecoder().decode(bytes);
          expect(await ingest(cut(bytes, at))).toEqual(await oneShot(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports throttled progress and a final event with the total', async () => {
    const chunks = Array.from({ length: 10 }, (_, i) => utf8(i === 0 ? 'x,y\n' : `${i},${i % 2}\n`));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const events: LoadProgress[] = [];
    let clock = 0;
    await ingestCsv(chunks, { source: 'p.csv', total, onProgress: (e) => events.push(e), interval: 100, now: () => (clock += 40) });
    // The clock advances 40 ms per call, so roughly every third chunk reports, plus the last.
    expect(events.length).toBeGreaterThan(2);
    expect(events.length).toBeLessThan(8);
    expect(events.every((e) => e.status === 'progress' && e.total === total)).toBe(true);
    const loaded = events.map((e) => e.loaded);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({ status: 'progress', loaded: total, total });
  });

  it('reports total null while the size is unknown, then what was read', async () => {
    const events: LoadProgress[] = [];
    await ingestCsv([utf8('a,b\n1,2\n')], { source: 'u.csv', onProgress: (e) => events.push(e) });
    expect(events[0]).toEqual({ status: 'progress', loaded: 8, total: null });
    expect(events.at(-1)).toEqual({ status: 'progress', loaded: 8, total: 8 });
  });

  it('stops between chunks when cancelled and reads no further', async () => {
    const controller = new AbortController();
    let read = 0;
    async function* chunks() {
      yield utf8('a,b\n');
      for (let i = 0; i < 1000; i++) {
        read++;
        if (i === 3) controller.abort();
        yield utf8(`${i},${i}\n`);
      }
    }
    await expect(ingestCsv(chunks(), { source: 'c.csv', signal: controller.signal })).rejects.toBeInstanceOf(LoadCancelled);
    expect(read).toBe(4);
  });

  it('names the line of the first byte that is not UTF-8, across chunks', async () => {
    const latin1 = Uint8Array.from([...utf8('name,city\nAnna,Berlin\nJos'), 0xe9, ...utf8(',Paris\n')]);
    const message =
      "t.csv line 3: is not UTF-8 text (perhaps Windows-1252 or Latin-1); save it as UTF-8 (e.g. \"CSV UTF-8\" in Excel) and load it again";
    expect(await ingest([latin1])).toEqual({ error: message });
    expect(await ingest(cut(latin1, [5, 12, 24]))).toEqual({ error: message });
    // A truncated character at the very end.
    expect(await ingest([Uint8Array.from([...utf8('a\n1\n'), 0xc3])])).toEqual({ error: message });
  });

  it('says binary for random bytes rather than "not UTF-8"', async () => {
    let seed = 7;
    const noise = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expect(await ingest([noise], 'x.bin')).toEqual({ error: 'x.bin: does not look like a text CSV file (binary data?)' });
  });

  it('decodes UTF-16 with a byte-order mark', async () => {
    const text = 'a,b\n1,é\n';
    const le = Uint8Array.from([0xff, 0xfe, ...Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    expect(await ingest(cut(le, [1, 5]))).toEqual(await oneShot(text));
  });

  it('reads a Blob in slices', async () => {
    const blob = new Blob(['x,y\n', '1,2\n'.repeat(1000)]);
    const sizes: number[] = [];
    for await (const c of blobChunks(blob, 1000)) sizes.push(c.length);
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 4]);
    const table = await ingestCsv(blobChunks(blob, 1000), { source: 'b.csv', total: blob.size });
    expect(table.rowCount).toBe(1000);
  });
});
