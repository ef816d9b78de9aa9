import type { PipelineSpec } from '../spec/schema.ts';
import { SAGEMAKER_ROOT, SPEC_CHANNEL, TRAIN_CHANNEL } from './contract.ts';
import type { JobPlan } from './job-plan.ts';
import { metricDefinitions } from './metrics.ts';

/** SageMaker's limit on one hyperparameter value. */
const VALUE_LIMIT = 2500;

/**
 * The spec's training settings as SageMaker hyperparameters (strings, dotted names), so the
 * console shows them and a tuning job can vary them; the spec channel still carries the whole spec.
 *
 * specHyperparameters(spec)['train.learningRate'] // → '0.005'
 */
export function specHyperparameters(spec: PipelineSpec): Record<string, string> {
  const out: Record<string, string> = { seed: String(spec.seed) };
  for (const section of ['model', 'train'] as const) {
    for (const [key, value] of Object.entries(spec[section])) {
      if (value === undefined) continue;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (text.length <= VALUE_LIMIT) out[`${section}.${key}`] = text;
    }
  }
  return out;
}

/** The input channels: `train` (the data; absent for generated shapes) and `spec` (spec.json). */
export function inputChannels(plan: JobPlan) {
  const channel = (name: string, uri: string, contentType?: string) => ({
    ChannelName: name,
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: uri, S3DataDistributionType: 'FullyReplicated' } },
    ...(contentType ? { ContentType: contentType } : {}),
    InputMode: 'File',
  });
  return [
    ...(plan.data.kind === 'generated' ? [] : [channel(TRAIN_CHANNEL, plan.channels.train)]),
    channel(SPEC_CHANNEL, plan.channels.spec, 'application/json'),
  ];
}

/** What training and tuning jobs share: image, metrics, role, data, output, resources and stopping. */
export function jobDefinition(plan: JobPlan, checkpointUri: string | null) {
  return {
    // https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-training-algo-dockerfile.html: SageMaker runs `<image> train`.
    AlgorithmSpecification: { TrainingImage: plan.image, TrainingInputMode: 'File', MetricDefinitions: metricDefinitions() },
    RoleArn: plan.role,
    InputDataConfig: inputChannels(plan),
    OutputDataConfig: { S3OutputPath: `${plan.prefix}/output/` },
    ResourceConfig: { InstanceType: plan.instanceType, InstanceCount: 1, VolumeSizeInGB: 10 },
    // Spot jobs wait for capacity too: allow as long again (MaxWaitTimeInSeconds ≥ MaxRuntimeInSeconds).
    StoppingCondition: plan.spot ? { MaxRuntimeInSeconds: plan.maxRuntimeSeconds, MaxWaitTimeInSeconds: 2 * plan.maxRuntimeSeconds } : { MaxRuntimeInSeconds: plan.maxRuntimeSeconds },
    ...(plan.spot ? { EnableManagedSpotTraining: true } : {}),
    ...(checkpointUri ? { CheckpointConfig: { S3Uri: checkpointUri, LocalPath: `${SAGEMAKER_ROOT}/checkpoints` } } : {}),
  };
}

/**
 * The body of `aws sagemaker create-training-job --cli-input-json file://training-job.json`:
 * one run of the spec as written (its `tuning` section is the tuning job's), checkpointing to
 * S3 under the job's own name so a restarted spot job resumes from where it stopped.
 *
 * trainingJobRequest(spec, plan).AlgorithmSpecification.MetricDefinitions[1]
 * // → { Name: 'validation:loss', Regex: 'validation:loss=(-?[0-9]+(?:[.][0-9]+)?(?:[eE][-+]?[0-9]+)?);' }
 */
export function trainingJobRequest(spec: PipelineSpec, plan: JobPlan) {
  const { AlgorithmSpecification, ...rest } = jobDefinition(plan, `${plan.prefix}/checkpoints/${plan.trainingJobName}/`);
  return {
    TrainingJobName: plan.trainingJobName,
    AlgorithmSpecification,
    HyperParameters: specHyperparameters(spec),
    ...rest,
    Tags: [{ Key: 'kiln:version', Value: plan.kilnVersion }],
  };
}
