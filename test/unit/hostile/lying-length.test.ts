import { describe, expect, it } from 'vitest';
import { ingestCsv } from '../../../src/core/collect/csv-ingest.ts';
import type { NumericColumn } from '../../../src/core/collect/table.ts';
import { userMessage } from '../../../src/core/user-error.ts';

// A download's Content-Length sizes the columns once (csv-builder's #reserve). A server can claim
// any length: a claim too big to allocate must not fail the load or lose rows.
const rows = 150_000;
const text = new TextEncoder().encode('a,b,label\n' + Array.from({ length: rows }, (_, i) => `${i},${(i * 7) % 13},${i % 2 ? 'x' : 'y'}`).join('\n') + '\n');
const chunks = () => Array.from({ length: Math.ceil(text.length / 65_536) }, (_, i) => text.subarray(i * 65_536, (i + 1) * 65_536));

describe('a size hint that lies', () => {
  for (const total of [text.length, 1e12, 1e15, 2 ** 53]) {
    it(`a claimed ${total.toExponential(1)} bytes still loads every row with its values`, async () => {
      const table = await ingestCsv(chunks(), { source: 'lying.csv', total });
      expect(table.rowCount).toBe(rows);
      const [a, b] = table.columns as NumericColumn[];
      expect(a.values.length).toBe(rows);
      expect([a.values[0], a.values[rows - 1], b.values[rows - 1]]).toEqual([0, rows - 1, ((rows - 1) * 7) % 13]);
      expect(a.values.reduce((s, v) => s + v, 0)).toBe((rows * (rows - 1)) / 2);
    });
  }

  it("an engine's typed-array length error reads as a sentence, not as engine words", () => {
    expect(userMessage(new RangeError('Invalid typed array length: 114009564706'), 'loading')).toMatch(/^loading stopped on an internal error/);
  });
});
