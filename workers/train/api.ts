import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import type { TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { beginOperation, resident } from '../state.ts';
import { trainOn } from './pipeline.ts';
import { beginRun } from './resident-run.ts';

/** Set by pauseTraining(), cleared by resumeTraining() and by every new run; the loop holds between batches while set. */
let paused = false;

/** Train-stage calls the page makes into the worker. */
export const trainApi = {
  /**
   * Trains on the loaded images (`data.kind: 'images'`, or `auto` with only images loaded) or the
   * loaded table, as `spec` says, streaming events to `onEvent`; `cancel()` stops it.
   */
  async train(spec: PipelineSpec, onEvent: (e: TrainEvent) => void): Promise<TrainResult> {
    const signal = beginOperation();
    const data = beginRun(spec);
    paused = false;
    const opts = { onEvent, shouldStop: () => signal.aborted, isPaused: () => paused };
    resident.trained = await trainOn(spec, data, opts);
    resident.trainedOn = data;
    return resident.trained.result;
  },
  /** Holds the running training between batches, keeping its weights and optimizer state. */
  pauseTraining(): void {
    paused = true;
  },
  /** Lets a paused training go on where it stopped. */
  resumeTraining(): void {
    paused = false;
  },
};
