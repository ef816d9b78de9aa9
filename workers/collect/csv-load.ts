import * as Comlink from 'comlink';
import { ingestCsv, LoadCancelled, type LoadProgress } from '../../src/core/collect/csv-ingest.ts';
import { checkLabel, guessLabel, singleClassWarning } from '../../src/core/collect/csv-label.ts';
import { profileTable } from '../../src/core/prepare/profile.ts';
import type { CsvLoadOptions, CsvLoadOutcome, CsvProgressCallback } from '../../src/core/collect/protocol.ts';
import { beginOperation, resident } from '../state.ts';

/** Where the bytes come from, opened once the operation (and its signal) has begun. */
export type CsvOpener = (signal: AbortSignal) => Promise<{ name: string; total: number | null; chunks: AsyncIterable<Uint8Array> }>;

/**
 * Streams a CSV into a table and makes it the resident data set, only if every check passes:
 * a bad file or a cancel leaves the table the user had loaded before in place.
 */
export async function loadCsvStream(open: CsvOpener, options: CsvLoadOptions, onProgress?: CsvProgressCallback): Promise<CsvLoadOutcome> {
  const signal = beginOperation();
  try {
    const { name, total, chunks } = await open(signal);
    const report = (e: LoadProgress) => void Promise.resolve(onProgress?.(e)).catch(() => {});
    const table = await ingestCsv(chunks, { source: name, total, signal, onProgress: report });
    const warnings = [...table.warnings];
    let label = options.label?.trim();
    if (label) checkLabel(table, label);
    else {
      label = guessLabel(table);
      const warning = singleClassWarning(table, label);
      if (warning) warnings.push(warning);
    }
    const profile = profileTable(table, label);
    resident.table = table;
    return { status: 'loaded', ...profile, warnings };
  } catch (e) {
    if (e instanceof LoadCancelled || signal.aborted) return { status: 'cancelled' };
    throw e;
  } finally {
    // The page's callback is a Comlink proxy holding a MessagePort; close it.
    (onProgress as { [Comlink.releaseProxy]?: () => void } | undefined)?.[Comlink.releaseProxy]?.();
  }
}
