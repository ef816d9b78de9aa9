import { KilnError } from '../errors.ts';
import type { PipelineSpec } from '../spec/schema.ts';
import { applyHyperparameters } from '../tune/apply.ts';
import { defaultSpace } from '../tune/default-space.ts';
import { gridSize, gridValues } from '../tune/grid.ts';
import { checkObjective, objectiveMetric } from '../tune/objective.ts';
import { objectiveDirection, type HyperValue, type ParamRange, type SearchSpace, type TuningSpec } from '../tune/schema.ts';
import type { JobPlan } from './job-plan.ts';
import { perEpochMetrics, type JobMetricName } from './metrics.ts';
import { jobDefinition, specHyperparameters } from './training-job.ts';

/** Kiln's strategy names → SageMaker's. */
const strategies = { bayesian: 'Bayesian', random: 'Random', grid: 'Grid', hyperband: 'Hyperband' } as const;
/** SageMaker searches at most 30 hyperparameters, and a categorical takes at most 30 values (ParameterRanges). */
const MAX_RANGES = 30;
const MAX_VALUES = 30;

/**
 * The space a tuning job searches: the spec's, or Kiln's default for this data, after the
 * checks Kiln's own tuner makes (a validation split to score on, an objective the task reports,
 * paths the spec has).
 */
export function tuningSpace(spec: PipelineSpec, tuning: TuningSpec, plan: Pick<JobPlan, 'kind' | 'task'>): SearchSpace {
  if (spec.split.validation <= 0) throw new KilnError('is 0, but tuning compares trials on the validation split: give it a share, e.g. 0.15', { path: 'split.validation' });
  checkObjective(tuning.objective, plan.task);
  const space = tuning.space ?? defaultSpace(plan.kind, plan.task);
  const { tuning: _, ...base } = spec;
  applyHyperparameters(base, Object.fromEntries(Object.entries(space).map(([p, r]) => [p, r.type === 'categorical' ? r.values[0] : r.min])));
  return space;
}

/** A categorical value as SageMaker passes it back: text as it is, numbers and lists as JSON. */
function valueText(v: HyperValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function categorical(path: string, values: readonly HyperValue[], why: string) {
  if (values.length > MAX_VALUES) throw new KilnError(`has ${values.length} values${why}, and SageMaker takes at most ${MAX_VALUES} per hyperparameter: narrow it`, { path: `tuning.space.${path}` });
  const texts = values.map(valueText);
  const twice = texts.find((t, i) => texts.indexOf(t) !== i);
  if (twice !== undefined) throw new KilnError(`lists '${twice}' twice once written as SageMaker's text values (e.g. 5 and "5"): keep one`, { path: `tuning.space.${path}` });
  return { Name: path, Values: texts };
}

/**
 * SageMaker's ParameterRanges for a space. Grid takes only categorical ranges, so each range goes
 * in as the exact list Kiln's grid would try (gridValues: a continuous range's `count` points, every
 * integer); the other strategies get continuous and integer ranges with their scale.
 */
export function parameterRanges(space: SearchSpace, grid: boolean) {
  const paths = Object.keys(space);
  if (paths.length > MAX_RANGES) throw new KilnError(`searches ${paths.length} hyperparameters; SageMaker searches at most ${MAX_RANGES}: drop some`, { path: 'tuning.space' });
  const ranges = { ContinuousParameterRanges: [] as object[], IntegerParameterRanges: [] as object[], CategoricalParameterRanges: [] as object[] };
  for (const [path, range] of Object.entries(space) as [string, ParamRange][]) {
    if (grid || range.type === 'categorical') {
      const why = range.type === 'categorical' ? '' : ` on the grid (${range.type === 'integer' ? 'every whole number from min to max' : `count ${range.count}`})`;
      ranges.CategoricalParameterRanges.push(categorical(path, gridValues(range, path), why));
      continue;
    }
    const scaled = { Name: path, MinValue: String(range.min), MaxValue: String(range.max), ScalingType: range.scale === 'log' ? 'Logarithmic' : 'Linear' };
    (range.type === 'integer' ? ranges.IntegerParameterRanges : ranges.ContinuousParameterRanges).push(scaled);
  }
  return Object.fromEntries(Object.entries(ranges).filter(([, list]) => list.length > 0));
}

/**
 * The body of `aws sagemaker create-hyper-parameter-tuning-job --cli-input-json file://tuning-job.json`:
 * the spec's `tuning` section mapped one to one, or a KilnError naming the field SageMaker cannot
 * express (a grid Kiln would cut short, Hyperband watching a metric not reported each epoch, …).
 *
 * tuningJobRequest(spec, plan).HyperParameterTuningJobConfig.Strategy // → 'Bayesian'
 */
export function tuningJobRequest(spec: PipelineSpec, plan: JobPlan) {
  const tuning = spec.tuning;
  if (!tuning) throw new KilnError('is missing: add e.g. { "strategy": "bayesian", "maxTrials": 20 } for a tuning job', { path: 'tuning' });
  const space = tuningSpace(spec, tuning, plan);
  const metric = `validation:${objectiveMetric(tuning.objective)}` as JobMetricName;
  const everyEpoch = perEpochMetrics.includes(metric);
  let maxJobs = tuning.maxTrials;
  if (tuning.strategy === 'grid') {
    const size = gridSize(space);
    if (tuning.maxTrials < size) {
      throw new KilnError(`is ${tuning.maxTrials}, but SageMaker's grid runs every one of the ${size} combinations: set maxTrials to ${size}, or narrow the space`, { path: 'tuning.maxTrials' });
    }
    maxJobs = size;
  }
  if (tuning.strategy === 'hyperband') hyperbandChecks(tuning, everyEpoch);
  const statics = specHyperparameters(spec);
  for (const path of Object.keys(space)) delete statics[path];
  // Hyperband gives every trial up to maxEpochs and stops the weak ones itself.
  if (tuning.strategy === 'hyperband') statics['train.epochs'] = String(tuning.maxEpochs);
  // Spot trials resume from checkpoints; they share the prefix, each under its own spec hash (sagemaker-model.ts).
  const { AlgorithmSpecification, ...definition } = jobDefinition(plan, plan.spot ? `${plan.prefix}/checkpoints/${plan.tuningJobName}/` : null);
  return {
    HyperParameterTuningJobName: plan.tuningJobName,
    HyperParameterTuningJobConfig: {
      Strategy: strategies[tuning.strategy],
      ...(tuning.strategy === 'hyperband' ? { StrategyConfig: { HyperbandStrategyConfig: { MinResource: tuning.minEpochs, MaxResource: tuning.maxEpochs } } } : {}),
      HyperParameterTuningJobObjective: { Type: objectiveDirection(tuning.objective, tuning.direction) === 'maximize' ? 'Maximize' : 'Minimize', MetricName: metric },
      ResourceLimits: { MaxNumberOfTrainingJobs: maxJobs, MaxParallelTrainingJobs: Math.min(plan.maxParallel, maxJobs) },
      ParameterRanges: parameterRanges(space, tuning.strategy === 'grid'),
      // Hyperband must have it Off (it stops trials itself); grid runs its list; Auto needs the objective every epoch.
      TrainingJobEarlyStoppingType: (tuning.strategy === 'bayesian' || tuning.strategy === 'random') && everyEpoch ? 'Auto' : 'Off',
      RandomSeed: tuning.seed ?? spec.seed,
    },
    TrainingJobDefinition: {
      StaticHyperParameters: statics,
      AlgorithmSpecification,
      ...definition,
    },
    Tags: [{ Key: 'kiln:version', Value: plan.kilnVersion }],
  };
}

/** What Kiln's Hyperband says that SageMaker's cannot hear. */
function hyperbandChecks(tuning: TuningSpec, everyEpoch: boolean): void {
  if (!everyEpoch) {
    throw new KilnError(
      `is ${tuning.objective}, which Kiln reports only when a job ends, and SageMaker's Hyperband stops trials on the value reported each epoch: use validation.loss or validation.accuracy, or strategy "bayesian"`,
      { path: 'tuning.objective' },
    );
  }
  if (tuning.eta !== 3) {
    throw new KilnError(`is ${tuning.eta}; SageMaker's Hyperband has no reduction-factor setting: remove eta (Kiln's default is 3)`, { path: 'tuning.eta' });
  }
}
