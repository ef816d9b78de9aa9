import { parseBaselineFiles, type Baseline } from '../../src/core/monitor/index.ts';
import type { DeployedModel } from '../deploy/trained-model.ts';
import type { TrainedModel } from '../train/adapter.ts';

/** One baseline per trained model: read on first use, dropped with the model. */
const baselines = new WeakMap<TrainedModel, Baseline>();

/**
 * The deployed model's baseline, read from its own model files: the very statistics.json,
 * constraints.json and baseline.json that training made and `kiln run` writes into model/, so the
 * page and `kiln monitor` compare a batch with the same baseline.
 *
 * modelBaseline(await deployedModel()).statistics.dataset.item_count // → 105 (training rows)
 */
export function modelBaseline({ trained, files }: DeployedModel): Baseline {
  let baseline = baselines.get(trained);
  if (!baseline) baselines.set(trained, (baseline = parseBaselineFiles(files)));
  return baseline;
}
