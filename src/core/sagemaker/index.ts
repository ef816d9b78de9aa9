import type { PipelineSpec } from '../spec/schema.ts';
import { planJob, type JobOptions, type JobPlan } from './job-plan.ts';
import { jobReadme } from './readme.ts';
import { runScript } from './run-script.ts';
import { trainingJobRequest } from './training-job.ts';
import { tuningJobRequest } from './tuning-job.ts';

export { planJob, type JobOptions, type JobPlan } from './job-plan.ts';
export { trainingJobRequest } from './training-job.ts';
export { tuningJobRequest } from './tuning-job.ts';

/** Job files a caller should mark executable. */
export const JOB_EXECUTABLES = ['run.sh'] as const;

/**
 * The files `kiln sagemaker-job` writes and the page's card zips, built once from the spec:
 * spec.json, training-job.json, tuning-job.json (when the spec has `tuning`), run.sh, README.md.
 * Anything SageMaker cannot run as written is a KilnError naming the spec field.
 *
 * Object.keys(sagemakerJobFiles(spec, options, 'iris.csv').files) // → ['spec.json', 'training-job.json', 'run.sh', 'README.md']
 */
export function sagemakerJobFiles(spec: PipelineSpec, options: JobOptions, dataPath: string): { plan: JobPlan; files: Record<string, string> } {
  const plan = planJob(spec, options);
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  const training = trainingJobRequest(spec, plan);
  const tuning = spec.tuning ? tuningJobRequest(spec, plan) : null;
  const files: Record<string, string> = { 'spec.json': json(spec), 'training-job.json': json(training) };
  if (tuning) files['tuning-job.json'] = json(tuning);
  files['run.sh'] = runScript(spec, plan, dataPath);
  files['README.md'] = jobReadme(spec, plan, tuning ? tuning.HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs : null, dataPath);
  return { plan, files };
}
