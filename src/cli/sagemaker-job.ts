import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { checkLabel } from '../core/collect/csv-label.ts';
import { findColumn } from '../core/collect/table.ts';
import { kilnVersion } from '../core/deploy/exports.ts';
import { KilnError } from '../core/errors.ts';
import { detectTask } from '../core/prepare/task.ts';
import { JOB_EXECUTABLES, sagemakerJobFiles } from '../core/sagemaker/index.ts';
import type { PipelineSpec, TaskKind } from '../core/spec/schema.ts';
import type { SageMakerJobCommand } from './sagemaker-args.ts';
import { readSourceTable } from './source.ts';
import { readSpecFile } from './spec-file.ts';

/** Reads and checks a spec file (a .kiln project's data cannot be uploaded by run.sh, so bare specs only). */
async function readSpec(path: string): Promise<PipelineSpec> {
  if (/\.kiln$/i.test(path)) throw new KilnError('is a project file: export its spec (and data) from the page, or write the spec as JSON', { file: path });
  return (await readSpecFile(path)).spec;
}

/**
 * Table or images, and the task, as the runner would find them: from the spec when it says, else
 * from the data (the label column is read only when the task decides something: a tuning space).
 */
async function dataShape(spec: PipelineSpec, specDir: string): Promise<{ kind: 'table' | 'images'; task: TaskKind }> {
  const source = spec.data.source;
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && source !== 'shapes';
  const folder = local && (await stat(resolve(specDir, source)).catch(() => null))?.isDirectory();
  const kind = spec.data.kind !== 'auto' ? spec.data.kind : source === 'shapes' || /\.zip$/i.test(source) || folder ? 'images' : 'table';
  if (kind === 'images') return { kind, task: 'classification' };
  if (spec.task !== 'auto' || !spec.tuning) return { kind, task: spec.task === 'auto' ? 'classification' : spec.task };
  if (!local) throw new KilnError('is auto and the data is not on this machine, so Kiln cannot tell the task for the tuning space: set task to classification or regression', { path: 'task' });
  const table = await readSourceTable(source, specDir);
  checkLabel(table, spec.data.label);
  return { kind, task: detectTask(findColumn(table, spec.data.label)!) };
}

/** `kiln sagemaker-job`: writes spec.json, training-job.json, tuning-job.json, run.sh and README.md under --out. */
export async function writeSageMakerJob(command: SageMakerJobCommand): Promise<number> {
  const spec = await readSpec(command.specPath);
  const specDir = dirname(resolve(command.specPath));
  const { kind, task } = await dataShape(spec, specDir);
  const options = { ...command, createdAt: new Date().toISOString(), kind, task, kilnVersion };
  const dataPath = relative(resolve(command.outDir), resolve(specDir, spec.data.source)) || '.';
  const { plan, files } = sagemakerJobFiles(spec, options, dataPath);
  await mkdir(command.outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(command.outDir, name), text);
    if ((JOB_EXECUTABLES as readonly string[]).includes(name)) await chmod(join(command.outDir, name), 0o755);
  }
  if (!command.role || !command.bucket) console.error('kiln: no --role or --bucket: the request files hold placeholders; run.sh asks for them (--role-arn, --bucket)');
  console.log(`wrote ${command.outDir}/{${Object.keys(files).join(',')}}\n${spec.tuning ? `tuning job ${plan.tuningJobName} (${spec.tuning.strategy})` : `training job ${plan.trainingJobName}`} on ${plan.instanceType} in ${plan.region}: bash ${join(command.outDir, 'run.sh')}`);
  return 0;
}
