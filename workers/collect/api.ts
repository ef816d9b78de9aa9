import { parseCsv } from '../../src/core/collect/csv.ts';
import { blobChunks } from '../../src/core/collect/csv-ingest.ts';
import { profileTable, type TableProfile } from '../../src/core/prepare/profile.ts';
import { requireTable, resident } from '../state.ts';
import { openUrl } from './csv-fetch.ts';
import type { CsvLoadOptions, CsvLoadOutcome, CsvProgressCallback, LoadedTable } from '../../src/core/collect/protocol.ts';
import { loadCsvStream } from './csv-load.ts';

/** Collect-stage calls the page makes into the worker. */
export const collectApi = {
  /** Parses CSV text (a small bundled sample) and keeps it; returns its profile (class counts for `label` when given). */
  async loadCsv(text: string, source: string, label?: string): Promise<LoadedTable> {
    const parsed = parseCsv(text, source); // throws before replacing the data the user already has
    const profile = profileTable(parsed, label);
    resident.table = parsed;
    return { ...profile, warnings: parsed.warnings };
  },

  /** Streams a picked or dropped CSV/TSV file (never read whole), reporting progress; `cancel()` stops it. */
  async loadCsvFile(file: File, options: CsvLoadOptions, onProgress?: CsvProgressCallback): Promise<CsvLoadOutcome> {
    return loadCsvStream(async () => ({ name: file.name, total: file.size, chunks: blobChunks(file) }), options, onProgress);
  },

  /** Downloads and streams a CSV from an http(s) URL (public or presigned), reporting progress; `cancel()` stops it. */
  async loadCsvUrl(url: string, options: CsvLoadOptions, onProgress?: CsvProgressCallback): Promise<CsvLoadOutcome> {
    return loadCsvStream((signal) => openUrl(url, signal), options, onProgress);
  },

  /** Profiles the loaded table again, e.g. after the user picks another label column. */
  async profile(label?: string): Promise<TableProfile> {
    return profileTable(requireTable(), label);
  },
};
