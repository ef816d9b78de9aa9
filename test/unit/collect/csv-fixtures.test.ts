import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestCsv } from '../../../src/core/collect/csv-ingest.ts';
import { checkLabel } from '../../../src/core/collect/csv-label.ts';
import { badInputs } from '../../fixtures/bad-inputs.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

describe('hostile CSV fixtures, streamed in small chunks', () => {
  for (const bad of badInputs) {
    it(`${bad.file}: ${bad.error ?? bad.warnings.join('; ')}`, async () => {
      const load = async () => {
        const table = await ingestCsv(createReadStream(fixture(bad.file), { highWaterMark: 7 }), { source: bad.file });
        checkLabel(table, bad.label);
        return table;
      };
      if (bad.error) await expect(load()).rejects.toThrow(bad.error);
      else expect((await load()).warnings).toEqual(bad.warnings);
    });
  }
});
