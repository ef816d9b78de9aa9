import { disposeModel } from '../../workers/train/model.ts';
import { trainOn } from '../../workers/train/pipeline.ts';
import { SAGEMAKER_ROOT, trainingPaths } from '../core/sagemaker/contract.ts';
import { epochMetrics, finalMetrics, metricLine } from '../core/sagemaker/metrics.ts';
import type { TrainEvent } from '../core/train/protocol.ts';
import { userMessage } from '../core/user-error.ts';
import { readJobInputs } from './sagemaker-channels.ts';
import { loadCheckpoint, saveCheckpoint, writeFailure, writeModelFolder, writeOutputData } from './sagemaker-model.ts';
import { loadTrainingData } from './source.ts';

const log = (message: string) => console.error(`kiln: ${message}`);

/**
 * `kiln sagemaker-train`: SageMaker's training-container contract around the one pipeline. Reads
 * the hyperparameters and channels under `root` (KILN_SM_ROOT, default /opt/ml), trains through
 * trainOn, checkpointing every epoch and resuming from a checkpoint of the same spec, prints metric
 * lines (metrics.ts) on stdout, and writes the model folder. SIGTERM (StopTrainingJob, a spot
 * interruption) stops after the current batch and still writes the model of the epochs done; one
 * that arrives before any epoch is done (while the data loads) exits 0 with model/ left empty, as
 * no trained model exists yet. Any error goes to /opt/ml/output/failure and the exit code is 1.
 */
export async function sagemakerTrain(root: string = process.env.KILN_SM_ROOT || SAGEMAKER_ROOT): Promise<number> {
  const paths = trainingPaths(root);
  let stop = false;
  const onTerm = () => {
    if (!stop) log('SIGTERM: stopping after this batch; the last checkpoint resumes the job');
    stop = true;
  };
  process.on('SIGTERM', onTerm);
  // The first line a job prints: from here on a SIGTERM is a clean stop, not a kill.
  log(`reading the job's hyperparameters and channels under ${root}`);
  // An untrained model is not a result: a stop before the first epoch leaves model/ empty, so
  // SageMaker's model.tar.gz never holds weights that were never fitted.
  const stoppedEarly = () => {
    log('stopped (SIGTERM) before the first epoch finished; no model written (a restarted job trains from the start)');
    return 0;
  };
  try {
    const { spec, dataPath } = await readJobInputs(paths);
    // Only the loader sees the channel's path: the model keeps the spec's own data.source.
    const data = await loadTrainingData(dataPath ? { ...spec, data: { ...spec.data, source: dataPath } } : spec, '/');
    const resumeFrom = await loadCheckpoint(paths, spec, (m) => log(`warning: ${m}`));
    const replayed = resumeFrom?.epochsCompleted ?? 0;
    if (stop && !resumeFrom) return stoppedEarly();
    if (resumeFrom) log(`resuming from the checkpoint after epoch ${replayed} of ${resumeFrom.epochs}`);
    const onEvent = (e: TrainEvent) => {
      if (e.status === 'warning') log(`warning: ${e.message}`);
      if (e.status === 'backend') log(`backend ${e.choice.name} (${e.choice.reason})`);
      if (e.status === 'split') log(`split train ${e.counts.train}, validation ${e.counts.validation}, test ${e.counts.test}`);
      // A resumed run replays its saved epochs as events: their metrics were printed before.
      if (e.status === 'epoch' && e.logs.epoch > replayed) console.log(metricLine(epochMetrics(e.logs), e.logs.epoch));
    };
    const run = await trainOn(spec, data, { onEvent, shouldStop: () => stop, resumeFrom, checkpointEveryMs: 0, onCheckpoint: (c) => saveCheckpoint(paths, spec, c) });
    try {
      if (run.result.history.length === 0) return stoppedEarly();
      console.log(metricLine(finalMetrics(run.result)));
      const written = await writeModelFolder(paths, run);
      await writeOutputData(paths, run);
      const epochs = run.result.history.length;
      log(`${stop ? 'stopped (SIGTERM)' : 'trained'} after ${epochs} epoch${epochs === 1 ? '' : 's'}; wrote ${written.length} model files to ${paths.model}`);
    } finally {
      disposeModel(run.model);
    }
    return 0;
  } catch (e) {
    const message = userMessage(e, 'the training job');
    log(message);
    await writeFailure(paths, message).catch((w: Error) => log(`could not write ${paths.failure}: ${w.message}`));
    return 1;
  } finally {
    process.off('SIGTERM', onTerm);
  }
}
