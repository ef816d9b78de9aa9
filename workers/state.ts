import type { ImageSet } from '../src/core/collect/image-set.ts';
import type { Table } from '../src/core/collect/table.ts';
import type { TrainedModel } from './train/adapter.ts';

/**
 * What the worker keeps resident between calls: the loaded data set and the last trained model.
 * Only plain data derived from these crosses to the page.
 */
export const resident: {
  table: Table | null;
  images: ImageSet | null;
  trained: TrainedModel | null;
  /** The data `trained` learned from (its test rows feed the Deploy stage), even after another load. */
  trainedOn: Table | ImageSet | null;
} = {
  table: null,
  images: null,
  trained: null,
  trainedOn: null,
};

/** The loaded table, or a readable error when nothing is loaded yet. */
export function requireTable(): Table {
  if (!resident.table) throw new Error('No data loaded yet: load a CSV or a sample in Collect first');
  return resident.table;
}

/** Which kinds of data are loaded, as `trainingData` takes them. */
export function loadedKinds(): { table: boolean; images: boolean } {
  return { table: resident.table !== null, images: resident.images !== null };
}

let current: AbortController | null = null;

/** Starts a cancellable operation, cancelling any still running; poll `signal.aborted` between chunks. */
export function beginOperation(): AbortSignal {
  current?.abort();
  current = new AbortController();
  return current.signal;
}

/** Cancels the running operation (training stops after its current batch, parsing after its chunk). */
export function cancelOperation(): void {
  current?.abort();
}
