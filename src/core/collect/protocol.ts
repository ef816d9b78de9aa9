import type { TableProfile } from '../prepare/profile.ts';
import type { LoadProgress } from './csv-ingest.ts';
import type { ImageLoadProgress } from './images/summary.ts';

// The Collect stage's messages between the page and the worker: plain data both sides type-check against.

/** What the page asks of a CSV load. */
export interface CsvLoadOptions {
  /** The label column to check and profile; when absent the last column is guessed. */
  label?: string;
}

/** A proxied progress callback from the page. */
export type CsvProgressCallback = (progress: LoadProgress) => void;

/** A loaded table's profile (its label chosen) with the notes the user should see. */
export interface LoadedTable extends TableProfile {
  warnings: string[];
}

/** How a CSV load ended: loaded (and now resident), or cancelled with the previous data kept. */
export type CsvLoadOutcome = ({ status: 'loaded' } & LoadedTable) | { status: 'cancelled' };

/** A file from a dropped or picked folder, with its path inside that folder. */
export interface FolderFile {
  path: string;
  file: Blob;
}

/** A proxied progress callback from the page. */
export type ImageProgressCallback = (progress: ImageLoadProgress) => void;

/** A webcam class as the page names it; the id survives renaming. */
export interface WebcamClass {
  id: string;
  name: string;
}
