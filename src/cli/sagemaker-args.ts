import { readOptions } from './args.ts';

/** `kiln sagemaker-train [train]`: SageMaker starts a training image as `<image> train`. */
export interface SageMakerTrainCommand {
  kind: 'sagemaker-train';
}

/** `kiln sagemaker-job <spec> --out <dir> …`: the files that run a spec on SageMaker. */
export interface SageMakerJobCommand {
  kind: 'sagemaker-job';
  specPath: string;
  outDir: string;
  role?: string;
  bucket?: string;
  region?: string;
  instanceType?: string;
  image?: string;
  maxParallel?: number;
  spot: boolean;
}

/** Parses `kiln sagemaker-train`'s arguments: nothing but SageMaker's own `train`. */
export function parseSageMakerTrain(rest: readonly string[]): SageMakerTrainCommand {
  const extra = rest.find((a) => a !== 'train');
  if (extra !== undefined) throw new Error(`unexpected argument '${extra}': kiln sagemaker-train reads everything from /opt/ml (or KILN_SM_ROOT)`);
  return { kind: 'sagemaker-train' };
}

/** Parses `kiln sagemaker-job <spec> --out <dir> [--role ARN] [--bucket NAME] [--region R] [--instance-type T] [--image URI] [--max-parallel N] [--spot]`. */
export function parseSageMakerJob(rest: readonly string[]): SageMakerJobCommand {
  const { values, flags, positionals } = readOptions(rest, ['--out', '-o', '--role', '--bucket', '--region', '--instance-type', '--image', '--max-parallel'], ['--spot']);
  const [specPath, extra] = positionals;
  const hint = 'kiln sagemaker-job <spec.json> --out <dir> [--role ARN] [--bucket NAME] [--region R] [--instance-type T] [--spot]';
  if (!specPath) throw new Error(`missing the spec file: ${hint}`);
  if (extra !== undefined) throw new Error(`unexpected argument '${extra}'`);
  const outDir = values.get('--out') ?? values.get('-o');
  if (!outDir) throw new Error(`missing --out <dir>: ${hint}`);
  const parallel = values.get('--max-parallel');
  if (parallel !== undefined && !/^([1-9]|[1-9][0-9]|100)$/.test(parallel)) throw new Error(`--max-parallel must be a whole number from 1 to 100 (got '${parallel}')`);
  return {
    kind: 'sagemaker-job',
    specPath,
    outDir,
    role: values.get('--role'),
    bucket: values.get('--bucket'),
    region: values.get('--region'),
    instanceType: values.get('--instance-type'),
    image: values.get('--image'),
    maxParallel: parallel === undefined ? undefined : Number(parallel),
    spot: flags.has('--spot'),
  };
}
