import type { ImageSet } from '../../src/core/collect/image-set.ts';
import type { Table } from '../../src/core/collect/table.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { trainingData } from '../../src/core/train/image-plan.ts';
import { releaseDeployed } from '../deploy/trained-model.ts';
import { releaseChallenger } from '../monitor/challenger.ts';
import { loadedKinds, requireTable, resident } from '../state.ts';
import { disposeModel } from './model.ts';

/**
 * Before a new training or tuning run: frees the resident model (and the Deploy stage's copy of
 * it) and returns the loaded data `spec` trains on, the images or the table.
 */
export function beginRun(spec: PipelineSpec): Table | ImageSet {
  const which = trainingData(spec.data.kind, loadedKinds());
  if (resident.trained) disposeModel(resident.trained.model);
  releaseDeployed();
  releaseChallenger();
  resident.trained = null;
  resident.trainedOn = null;
  const images = resident.images;
  return which === 'images' && images ? images : requireTable();
}
