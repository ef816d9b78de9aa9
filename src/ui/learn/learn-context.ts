import { estimateSplit, type LearnContext } from '../../core/learn/context.ts';
import { metricValue } from '../../core/evaluate/goal.ts';
import { data } from '../../lib/data.svelte.ts';
import { images } from '../../lib/images.svelte.ts';
import { project } from '../../lib/project.svelte.ts';
import { run } from '../../lib/run.svelte.ts';
import { metricLabels } from '../common/metric-labels.ts';

const fileName = (source: string) => source.split(/[\\/]/).pop() || source;

/** What the intros' examples need from the page's state; read inside `$derived` so it stays current. */
export function learnContext(): LearnContext {
  const spec = project.spec;
  const d = loadedData();
  const result = run.result;
  const counts = run.split ?? result?.split ?? null;
  const split = counts ? { train: counts.train, validation: counts.validation, test: counts.test, exact: true } : d ? estimateSplit(d.count, spec.split) : null;
  const score = result ? (metricValue(result.test.metrics, spec.goal.metric) ?? null) : null;
  return {
    data: d,
    split,
    goal: { metric: metricLabels[spec.goal.metric], target: spec.goal.target ?? undefined, objective: spec.goal.objective },
    train: { epochs: spec.train.epochs, batchSize: spec.train.batchSize, learningRate: spec.train.learningRate },
    score,
  };
}

function loadedData(): LearnContext['data'] {
  const s = images.inUse ? images.summary : null;
  if (s) {
    return {
      name: fileName(s.source), kind: 'images', count: s.total, label: project.spec.data.label,
      classes: s.classes.map((name, i) => ({ name, count: s.counts[i] })),
      features: 0, withMissing: 0, categorical: 0, image: { width: s.width, height: s.height, channels: s.channels },
    };
  }
  const p = data.profile;
  if (!p) return null;
  const label = p.label?.name ?? project.spec.data.label;
  const inputs = p.columns.filter((c) => c.name !== label);
  return {
    name: fileName(p.source), kind: 'table', count: p.rowCount, label,
    classes: (p.label?.classCounts ?? []).map((v) => ({ name: v.value, count: v.count })),
    features: inputs.length,
    withMissing: inputs.filter((c) => c.missing > 0).length,
    categorical: inputs.filter((c) => c.type === 'categorical').length,
  };
}
