import { metricValue } from '../../src/core/evaluate/goal.ts';
import { imageCount } from '../../src/core/collect/image-set.ts';
import { imageBaseline, tableBaseline, type Baseline } from '../../src/core/monitor/index.ts';
import { imagesOf } from '../../src/core/monitor/image-features.ts';
import { planImageRun } from '../../src/core/train/image-plan.ts';
import { KilnError } from '../../src/core/errors.ts';
import type { DeployedModel } from '../deploy/trained-model.ts';
import type { TrainedModel } from '../train/adapter.ts';
import { championSplit } from './champion.ts';

/** One baseline per trained model: made on first use, dropped with the model. */
const baselines = new WeakMap<TrainedModel, Baseline>();

/**
 * The deployed model's baseline: statistics of its training rows for each raw column it reads,
 * its predictions on the test split, and the goal metric there.
 *
 * modelBaseline(await deployedModel()).statistics.dataset.item_count // → 105 (training rows)
 */
export function modelBaseline({ trained, data, predictor }: DeployedModel): Baseline {
  const known = baselines.get(trained);
  if (known) return known;
  const doc = predictor.doc;
  const { spec, test, predictions } = trained.result;
  const value = metricValue(test.metrics, spec.goal.metric);
  const metric = value === undefined ? null : { name: spec.goal.metric, value, target: spec.goal.target ?? null, positiveClass: spec.evaluate.positiveClass ?? null };
  if (doc.kind === 'images' && !('columns' in data)) {
    // Images are compared through per-image features (brightness, contrast, colour means).
    const all = Array.from({ length: imageCount(data) }, (_, i) => i);
    const baseline = imageBaseline({
      images: imagesOf(data, all),
      rows: planImageRun(spec, data).split.train,
      labels: Array.from(data.labels, (l) => data.classes[l]),
      classes: doc.classes,
      predictions: predictions.predictions,
      metric,
    });
    baselines.set(trained, baseline);
    return baseline;
  }
  if (doc.kind !== 'table' || !('columns' in data)) throw new KilnError('the model and the data it learned from do not match; train again');
  const baseline = tableBaseline({
    table: data,
    rows: championSplit(trained, data).train,
    fields: doc.fields,
    label: doc.label,
    task: trained.result.task,
    classes: doc.classes,
    predictions: predictions.predictions,
    metric,
  });
  baselines.set(trained, baseline);
  return baseline;
}
