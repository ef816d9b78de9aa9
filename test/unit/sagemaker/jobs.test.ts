import { describe, expect, it } from 'vitest';
import { planJob, sagemakerJobFiles, trainingJobRequest, tuningJobRequest } from '../../../src/core/sagemaker/index.ts';
import { metricDefinitions } from '../../../src/core/sagemaker/metrics.ts';
import { botocoreErrors, hasBotocore, options, spec } from './fixture.ts';

const lr = { type: 'continuous', min: 0.0001, max: 0.1, scale: 'log' } as const;
const tuned = (tuning: object, extra: object = {}) => spec({ ...extra, tuning: tuning as never });
const config = (s: ReturnType<typeof spec>) => tuningJobRequest(s, planJob(s, options)).HyperParameterTuningJobConfig as Record<string, any>;

describe('training-job.json', () => {
  const s = spec({ train: { learningRate: 0.02, epochs: 40 } });
  const plan = planJob(s, options);
  const request = trainingJobRequest(s, plan);

  it('names the job, the image, the channels, the output, the checkpoints and the metrics', () => {
    expect(request.TrainingJobName).toBe('kiln-iris-20261130-035000');
    expect(request.AlgorithmSpecification).toEqual({ TrainingImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/kiln-train:0.1.0', TrainingInputMode: 'File', MetricDefinitions: metricDefinitions() });
    expect(request.InputDataConfig.map((c) => [c.ChannelName, c.DataSource.S3DataSource.S3Uri])).toEqual([
      ['train', 's3://my-bucket/kiln/kiln-iris/input/train/'],
      ['spec', 's3://my-bucket/kiln/kiln-iris/input/spec/'],
    ]);
    expect(request.OutputDataConfig).toEqual({ S3OutputPath: 's3://my-bucket/kiln/kiln-iris/output/' });
    expect(request.CheckpointConfig).toEqual({ S3Uri: 's3://my-bucket/kiln/kiln-iris/checkpoints/kiln-iris-20261130-035000/', LocalPath: '/opt/ml/checkpoints' });
    expect(request.HyperParameters).toMatchObject({ 'train.learningRate': '0.02', 'train.epochs': '40', 'model.hidden': '[16]', 'train.schedule': '{"type":"none"}', seed: '42' });
    expect(request).not.toHaveProperty('EnableManagedSpotTraining');
  });

  it('turns managed spot training on with a wait of twice the run time', () => {
    const spot = trainingJobRequest(s, planJob(s, { ...options, spot: true }));
    expect(spot.EnableManagedSpotTraining).toBe(true);
    expect(spot.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 });
  });

  it('reads an s3:// source in place, has no train channel for generated shapes, and refuses http(s)', () => {
    const s3 = spec({ data: { source: 's3://data-bucket/sets/iris.csv', label: 'species' } });
    expect(trainingJobRequest(s3, planJob(s3, options)).InputDataConfig[0].DataSource.S3DataSource.S3Uri).toBe('s3://data-bucket/sets/iris.csv');
    const shapes = spec({ data: { source: 'shapes', label: 'class' } });
    expect(trainingJobRequest(shapes, planJob(shapes, { ...options, kind: 'images' })).InputDataConfig.map((c) => c.ChannelName)).toEqual(['spec']);
    const web = spec({ data: { source: 'https://example.com/iris.csv', label: 'species' } });
    expect(() => planJob(web, options)).toThrow(/^data\.source: is a https:\/\/ address, which a SageMaker training job cannot read/);
  });

  it('refuses a malformed role, bucket, region or instance type', () => {
    expect(() => planJob(s, { ...options, role: 'admin' })).toThrow(/--role: 'admin' is not an IAM role ARN/);
    expect(() => planJob(s, { ...options, bucket: 'My_Bucket' })).toThrow(/--bucket: 'My_Bucket' is not an S3 bucket name/);
    expect(() => planJob(s, { ...options, region: 'mars' })).toThrow(/--region/);
    expect(() => planJob(s, { ...options, instanceType: 'm5.large' })).toThrow(/--instance-type/);
  });
});

describe("tuning-job.json: Kiln's tuning section, one to one", () => {
  const space = { 'train.learningRate': lr, 'train.batchSize': { type: 'categorical', values: [16, 32] }, 'model.hidden': { type: 'categorical', values: [[16], [32, 16]] }, 'train.epochs': { type: 'integer', min: 5, max: 50, scale: 'linear' } };

  it('bayesian: ranges with their scale, direction inferred, early stopping on the per-epoch objective, seed', () => {
    const s = tuned({ strategy: 'bayesian', maxTrials: 20, space });
    const c = config(s);
    expect(c.Strategy).toBe('Bayesian');
    expect(c.HyperParameterTuningJobObjective).toEqual({ Type: 'Minimize', MetricName: 'validation:loss' });
    expect(c.ResourceLimits).toEqual({ MaxNumberOfTrainingJobs: 20, MaxParallelTrainingJobs: 2 });
    expect(c.ParameterRanges).toEqual({
      ContinuousParameterRanges: [{ Name: 'train.learningRate', MinValue: '0.0001', MaxValue: '0.1', ScalingType: 'Logarithmic' }],
      IntegerParameterRanges: [{ Name: 'train.epochs', MinValue: '5', MaxValue: '50', ScalingType: 'Linear' }],
      CategoricalParameterRanges: [
        { Name: 'train.batchSize', Values: ['16', '32'] },
        { Name: 'model.hidden', Values: ['[16]', '[32,16]'] },
      ],
    });
    expect(c.TrainingJobEarlyStoppingType).toBe('Auto');
    expect(c.RandomSeed).toBe(42);
    const statics = tuningJobRequest(s, planJob(s, options)).TrainingJobDefinition.StaticHyperParameters;
    expect(Object.keys(statics).filter((k) => k in space)).toEqual([]);
    expect(statics['train.optimizer']).toBe('adam');
  });

  it('random: maximises f1Macro, with early stopping off (f1 is only known when a job ends)', () => {
    const c = config(tuned({ strategy: 'random', maxTrials: 5, objective: 'validation.f1Macro', seed: 9, space: { 'train.learningRate': lr } }));
    expect([c.Strategy, c.HyperParameterTuningJobObjective.Type, c.HyperParameterTuningJobObjective.MetricName, c.TrainingJobEarlyStoppingType, c.RandomSeed]).toEqual(['Random', 'Maximize', 'validation:f1Macro', 'Off', 9]);
  });

  it("grid: every range as the exact list Kiln's grid tries, and as many jobs as combinations", () => {
    const c = config(tuned({ strategy: 'grid', maxTrials: 100, space: { 'train.learningRate': { ...lr, count: 4 }, 'train.batchSize': { type: 'integer', min: 8, max: 10, scale: 'linear' } } }));
    expect(c.Strategy).toBe('Grid');
    expect(c.ParameterRanges).toEqual({
      CategoricalParameterRanges: [
        { Name: 'train.learningRate', Values: ['0.0001', '0.001', '0.01', '0.1'] },
        { Name: 'train.batchSize', Values: ['8', '9', '10'] },
      ],
    });
    expect(c.ResourceLimits.MaxNumberOfTrainingJobs).toBe(12);
    expect(c.TrainingJobEarlyStoppingType).toBe('Off');
  });

  it('hyperband: its StrategyConfig from min/maxEpochs, early stopping Off, every job given maxEpochs', () => {
    const s = tuned({ strategy: 'hyperband', maxTrials: 30, minEpochs: 2, maxEpochs: 54, objective: 'validation.accuracy', space: { 'train.learningRate': lr } });
    const c = config(s);
    expect(c.StrategyConfig).toEqual({ HyperbandStrategyConfig: { MinResource: 2, MaxResource: 54 } });
    expect(c.TrainingJobEarlyStoppingType).toBe('Off');
    expect(c.HyperParameterTuningJobObjective).toEqual({ Type: 'Maximize', MetricName: 'validation:accuracy' });
    expect(tuningJobRequest(s, planJob(s, options)).TrainingJobDefinition.StaticHyperParameters['train.epochs']).toBe('54');
    // Spot trials checkpoint under the tuning job's prefix; on demand they need none.
    expect(tuningJobRequest(s, planJob(s, options)).TrainingJobDefinition).not.toHaveProperty('CheckpointConfig');
    const spot = tuningJobRequest(s, planJob(s, { ...options, spot: true })).TrainingJobDefinition;
    expect([spot.EnableManagedSpotTraining, spot.CheckpointConfig?.S3Uri]).toEqual([true, 's3://my-bucket/kiln/kiln-iris/checkpoints/kiln-iris-20261130-035000/']);
  });

  it("uses Kiln's default space for the data when the spec has none", () => {
    const c = config(tuned({ strategy: 'random', maxTrials: 4 }));
    expect(Object.values(c.ParameterRanges).flat().map((r: any) => r.Name)).toEqual(['train.learningRate', 'model.dropout', 'train.batchSize', 'model.hidden']);
  });

  it('refuses what SageMaker cannot express, naming the field and the way out', () => {
    const refuse = (tuning: object, extra: object = {}, o = options) => () => tuningJobRequest(tuned(tuning, extra), planJob(tuned(tuning, extra), o));
    expect(refuse({ strategy: 'grid', maxTrials: 5, space: { 'train.learningRate': { ...lr, count: 4 }, 'train.batchSize': { type: 'categorical', values: [8, 16] } } })).toThrow(
      "tuning.maxTrials: is 5, but SageMaker's grid runs every one of the 8 combinations: set maxTrials to 8, or narrow the space",
    );
    expect(refuse({ strategy: 'grid', maxTrials: 100, space: { 'train.epochs': { type: 'integer', min: 1, max: 40, scale: 'linear' } } })).toThrow(/tuning\.space\.train\.epochs: has 40 values on the grid .* at most 30/);
    expect(refuse({ strategy: 'hyperband', objective: 'validation.f1Macro', space: { 'train.learningRate': lr } })).toThrow(/^tuning\.objective: is validation\.f1Macro, which Kiln reports only when a job ends/);
    expect(refuse({ strategy: 'hyperband', eta: 4, space: { 'train.learningRate': lr } })).toThrow(/^tuning\.eta: is 4; SageMaker's Hyperband has no reduction-factor setting/);
    expect(refuse({ strategy: 'random', space: { 'train.batchSize': { type: 'categorical', values: Array.from({ length: 31 }, (_, i) => i + 1) } } })).toThrow(/has 31 values, and SageMaker takes at most 30/);
    expect(refuse({ strategy: 'random', space: { 'train.optimizer': { type: 'categorical', values: [5, '5'] } } })).toThrow(/lists '5' twice/);
    expect(refuse({ strategy: 'random', objective: 'validation.rmse', space: { 'train.learningRate': lr } })).toThrow(/^tuning\.objective: validation\.rmse is a regression metric/);
    expect(refuse({ strategy: 'random', space: { 'train.learningRate': lr } }, { split: { train: 0.85, validation: 0, test: 0.15 } })).toThrow(/^split\.validation: is 0/);
    expect(refuse({ strategy: 'random', space: { 'train.speed': lr } })).toThrow(/tuning\.space\.train\.speed: is not a field of the spec/);
  });
});

describe.skipIf(!hasBotocore)('both requests against the SageMaker API model (botocore)', () => {
  const strategies = [
    tuned({ strategy: 'bayesian', maxTrials: 6 }),
    tuned({ strategy: 'random', maxTrials: 3, objective: 'validation.f1Macro' }),
    tuned({ strategy: 'grid', maxTrials: 50, space: { 'train.learningRate': { ...lr, count: 3 }, 'model.hidden': { type: 'categorical', values: [[8], [16, 8]] } } }),
    tuned({ strategy: 'hyperband', maxTrials: 20, objective: 'validation.accuracy', space: { 'train.learningRate': lr } }),
  ];

  it('validates training-job.json (on demand and spot) and tuning-job.json for every strategy', () => {
    const requests = strategies.flatMap((s, i) => {
      const { files } = sagemakerJobFiles(s, { ...options, spot: i % 2 === 1 }, '../data/iris.csv');
      return [
        { operation: 'CreateTrainingJob', body: JSON.parse(files['training-job.json']) },
        { operation: 'CreateHyperParameterTuningJob', body: JSON.parse(files['tuning-job.json']) },
      ];
    });
    expect(botocoreErrors(requests)).toEqual(requests.map(() => ''));
  });

  it('botocore rejects a broken request, so the check above can fail', () => {
    const s = strategies[0];
    const body = tuningJobRequest(s, planJob(s, options)) as any;
    delete body.HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs;
    body.TrainingJobDefinition.ResourceConfig.InstanceCount = '1';
    const [error] = botocoreErrors([{ operation: 'CreateHyperParameterTuningJob', body }]);
    expect(error).toMatch(/MaxParallelTrainingJobs/);
    expect(error).toMatch(/InstanceCount/);
  });
});
