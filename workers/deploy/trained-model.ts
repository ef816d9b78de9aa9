import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { resident } from '../state.ts';
import type { TrainedModel } from '../train/adapter.ts';
import { loadPredictor, type Predictor } from './predictor.ts';

/** The last trained model as the Deploy stage sees it: its exported files, and a predictor loaded from them. */
export interface DeployedModel {
  trained: TrainedModel;
  /** The data it was trained on; its test rows prefill the form and feed the ONNX check. */
  data: Table | ImageSet;
  files: ModelFiles;
  predictor: Predictor;
}

let current: { trained: TrainedModel; ready: Promise<DeployedModel> } | null = null;

/**
 * The deployed form of `resident.trained`, made once per trained model (calls that arrive while
 * it is being made share it). Predictions in the page go through the exported files, loaded as
 * `kiln predict` loads them, so the page tests the very artifact a user downloads.
 */
export function deployedModel(): Promise<DeployedModel> {
  const trained = resident.trained;
  const data = resident.trainedOn;
  if (!trained || !data) return Promise.reject(new Error('Train a model first: Deploy uses the last trained model'));
  if (current?.trained === trained) return current.ready;
  releaseDeployed();
  const ready = (async () => {
    const files = await trained.files();
    return { trained, data, files, predictor: await loadPredictor(files, { dir: 'the trained model' }) };
  })();
  current = { trained, ready };
  // A failed load is not cached: the next call tries again.
  ready.catch(() => current?.ready === ready && (current = null));
  return ready;
}

/** Frees the deployed predictor (its own copy of the weights); call when the trained model is replaced. */
export function releaseDeployed(): void {
  const old = current;
  current = null;
  void old?.ready.then((m) => m.predictor.dispose(), () => {});
}
