import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { checkpointInfo, decodeCheckpoint, encodeCheckpoint, type TrainFaultHooks, type TrainResumeOptions } from '../../src/core/train/checkpoint.ts';
import { coalesceEvents } from '../../src/core/train/progress.ts';
import type { TrainEvent, TrainResult } from '../../src/core/train/protocol.ts';
import { beginOperation, resident } from '../state.ts';
import { KilnError } from '../../src/core/errors.ts';
import { loseDevice, lostReason, unwatchDevice, watchDevice } from './device-lost.ts';
import { trainOn, type RunOptions } from './pipeline.ts';
import { beginRun } from './resident-run.ts';

/** Set by pauseTraining(), cleared by resumeTraining() and by every new run; the loop holds between batches while set. */
let paused = false;

/** Train-stage calls the page makes into the worker. */
export const trainApi = {
  /**
   * Trains on the loaded images (`data.kind: 'images'`, or `auto` with only images loaded) or the
   * loaded table, as `spec` says, streaming events to `onEvent`; `cancel()` stops it. With `hooks`,
   * checkpoints (encoded here, off the page's thread) go to the page and a lost GPU is reported;
   * `options.resumeFrom` goes on from a checkpoint.
   */
  async train(spec: PipelineSpec, onEvent: (e: TrainEvent) => void, options: TrainResumeOptions = {}, hooks?: TrainFaultHooks): Promise<TrainResult> {
    const signal = beginOperation();
    // Decoded before the resident model is freed: a damaged checkpoint leaves the last model in place.
    const resumeFrom = options.resumeFrom ? decodeCheckpoint(options.resumeFrom) : undefined;
    const data = beginRun(spec);
    paused = false;
    // Thousands of fast epochs would flood the page: ten sends a second at most, epochs batched.
    const events = coalesceEvents(onEvent, 100);
    const opts: RunOptions = {
      onEvent: (e) => {
        // The device exists once the backend is chosen; from then on its loss is reported.
        if (e.status === 'backend' && hooks) watchDevice((reason) => void hooks.deviceLost(reason));
        events.push(e);
      },
      shouldStop: () => signal.aborted,
      isPaused: () => paused,
      resumeFrom,
      checkpointEveryMs: options.checkpointEveryMs,
      onCheckpoint: hooks && ((c) => void hooks.checkpoint(new Blob([encodeCheckpoint(c) as Uint8Array<ArrayBuffer>]), checkpointInfo(c))),
    };
    try {
      resident.trained = await trainOn(spec, data, opts);
    } catch (e) {
      // A lost GPU surfaces as whatever TF.js call failed first (its loss is reported ~1.5 s later
      // on SwiftShader): say what really happened. Other failures on WebGPU wait those 3 s too.
      const reason = await lostReason(3000);
      if (reason !== null) throw new KilnError(`the graphics device was lost during training (${reason}); go on on another backend`);
      throw e;
    } finally {
      unwatchDevice();
      events.flush();
    }
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
  /** Answers at once: the page's heartbeat while a long call runs (a dead worker never answers). */
  alive(): boolean {
    return true;
  },
  /** Destroys the WebGPU device as a GPU reset would (fault drills, the browser test); false when not on WebGPU. */
  loseDeviceForTest(): boolean {
    return loseDevice();
  },
};
