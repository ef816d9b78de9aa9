import type { Table } from '../../src/core/collect/table.ts';
import type { LabelledImages } from '../../src/core/monitor/challenger-images.ts';
import type { TrainedModel } from '../train/adapter.ts';

/** A checked batch (table rows, or decoded images with their class folders) and the model it was checked against. */
export interface CheckedData {
  data: Table | LabelledImages;
  trained: TrainedModel;
}

let last: CheckedData | null = null;

/** Keeps the batch just checked: it is what "Retrain with this batch" trains on. */
export function rememberBatch(data: Table | LabelledImages, trained: TrainedModel): void {
  last = { data, trained };
}

/** The last checked batch, or null before any check. */
export function lastBatch(): CheckedData | null {
  return last;
}
