/**
 * SageMaker's training-container contract: where a job finds its inputs and leaves its outputs.
 * Every path hangs off one root (/opt/ml in a real job), so tests can lay the same tree out in a
 * temporary folder (KILN_SM_ROOT) and nothing else differs.
 */

/** The root SageMaker mounts everything under. */
export const SAGEMAKER_ROOT = '/opt/ml';

/** Every path of the contract under `root`. */
export interface TrainingPaths {
  root: string;
  /** https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-training-algo-running-container.html#your-algorithms-training-algo-running-container-hyperparameters */
  hyperparameters: string;
  /** One folder per input channel: /opt/ml/input/data/<channel>/ (same page, "Input data configuration"). */
  channel: (name: string) => string;
  /** Whatever is here when the job ends becomes model.tar.gz (https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-training-algo-output.html). */
  model: string;
  /** Its text becomes the job's FailureReason (same page, "failure"). */
  failure: string;
  /** Synced with CheckpointConfig.S3Uri and restored when a spot job restarts (https://docs.aws.amazon.com/sagemaker/latest/dg/model-checkpoints.html). */
  checkpoints: string;
}

/**
 * The contract's paths under `root` (no trailing slash).
 *
 * trainingPaths('/tmp/ml').channel('train') // → '/tmp/ml/input/data/train'
 */
export function trainingPaths(root: string = SAGEMAKER_ROOT): TrainingPaths {
  const r = root.replace(/\/+$/, '') || '/';
  return {
    root: r,
    hyperparameters: `${r}/input/config/hyperparameters.json`,
    channel: (name) => `${r}/input/data/${name}`,
    model: `${r}/model`,
    failure: `${r}/output/failure`,
    checkpoints: `${r}/checkpoints`,
  };
}

/** The channel holding the data (a CSV, a zip or class folders of images). */
export const TRAIN_CHANNEL = 'train';
/** The optional channel holding the pipeline spec as one .json file. */
export const SPEC_CHANNEL = 'spec';
/** SageMaker truncates FailureReason at 1024 characters; the reason leads, so it survives. */
export const FAILURE_LIMIT = 1024;
