import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import type { TuneEvent, TuneResult } from '../../src/core/tune/protocol.ts';
import { beginOperation, resident } from '../state.ts';
import { beginRun } from '../train/resident-run.ts';
import { runTuning } from './run-tuning.ts';

/** Tuning calls the page makes into the worker. */
export const tuneApi = {
  /**
   * Runs `spec.tuning` on the loaded data, streaming trial and retrain events; `cancel()` stops
   * the search. The retrained best becomes the resident model, as `train` leaves it, so Evaluate
   * and Deploy work after tuning; a stopped search leaves no model.
   */
  async tune(spec: PipelineSpec, onEvent: (e: TuneEvent) => void): Promise<TuneResult> {
    const signal = beginOperation();
    const data = beginRun(spec);
    const { report, trained } = await runTuning(spec, data, { onEvent, shouldStop: () => signal.aborted });
    resident.trained = trained;
    resident.trainedOn = trained ? data : null;
    return { report, result: trained?.result ?? null };
  },
};
