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
 * interruption) stops after the current batch and still writes the model of the epochs done.
 * Any error goes to /opt/ml/output/failure and the exit code is 1.
 */
export async function sagemakerTrain(root: string = process.env.KILN_SM_ROOT || SAGEMAKER_ROOT): Promise<number> {
  const paths = trainingPaths(root);
  let stop = false;
  const onTerm = () => {
    if (!stop) log('SIGTERM: stopping after this batch; the last checkpoint resumes the job');
    stop = true;
  };
  process.on('SIGTERM', onTerm);
  try {
    const { spec, dataPath } = await readJobInputs(paths);
    // Only the loader sees the channel's path: the model keeps the spec's own data.source.
    const data = await loadTrainingData(dataPath ? { ...spec, data: { ...spec.data, source: dataPath } } : spec, '/');
    const resumeFrom = await loadCheckpoint(paths, spec, (m) => log(`warning: ${m}`));
    const replayed = resumeFrom?.epochsCompleted ?? 0;
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
