import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../src/core/errors.ts';
import { guardErrors } from '../../../workers/guard-errors.ts';

// The worker API the page calls is wrapped once in workers/kiln.worker.ts; this is that wrapper.
describe('guardErrors (the worker-facing error path)', () => {
  const api = guardErrors({
    async train(): Promise<number> {
      throw new Error('Pass at least one tensor to concat');
    },
    loadCsv(): number {
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    },
    async plan(): Promise<number> {
      throw new KilnError('the test split gets no rows', { file: 'a.csv' });
    },
    async fine(x: number): Promise<number> {
      return x * 2;
    },
    count: 3,
  });

  it('turns TF.js and engine messages into a sentence, as a KilnError', async () => {
    const e = (await api.train().catch((x: unknown) => x)) as Error;
    expect(e).toBeInstanceOf(KilnError);
    expect(e.message).toMatch(/^training stopped on an internal error \(not a problem Kiln found in your data\)/);
    expect(() => api.loadCsv()).toThrow(/^loading stopped on an internal error/);
  });

  it('passes user errors, results and plain values through untouched', async () => {
    await expect(api.plan()).rejects.toThrow('a.csv: the test split gets no rows');
    expect(await api.fine(21)).toBe(42);
    expect(api.count).toBe(3);
  });
});
