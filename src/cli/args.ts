import { backendNames, type BackendPreference } from '../core/spec/schema.ts';
import { parseMonitor, type MonitorCommand } from './monitor-args.ts';
import { parseSageMakerJob, parseSageMakerTrain, type SageMakerJobCommand, type SageMakerTrainCommand } from './sagemaker-args.ts';

/** Export formats `kiln run --export` writes under <out>/export/. */
export const exportFormats = ['tfjs', 'onnx', 'sagemaker'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What the user asked the CLI to do. */
export type Command =
  | { kind: 'help' }
  | { kind: 'run'; specPath: string; outDir: string; backend?: BackendPreference; verbose: boolean; exports: ExportFormat[]; region?: string }
  | PredictCommand
  | ServeCommand
  | MonitorCommand
  | SageMakerTrainCommand
  | SageMakerJobCommand;

/** `kiln predict <model-dir> <input> --out <file>`: batch prediction, streamed. */
export interface PredictCommand {
  kind: 'predict';
  modelDir: string;
  input: string;
  out: string;
  /** Rows per encoded chunk and forward pass. */
  batch: number;
  verbose: boolean;
}

/** `kiln serve [<model-dir>]`: the SageMaker hosting contract over HTTP. */
export interface ServeCommand {
  kind: 'serve';
  /** Undefined: SageMaker's /opt/ml/model. */
  modelDir?: string;
  port: number;
  host: string;
  verbose: boolean;
}

export const usage = `Usage: kiln run <spec.json or project.kiln> --out <dir> [--export tfjs,onnx,sagemaker [--region R]] [--backend auto|webgpu|webgl|wasm|cpu] [--verbose]
       kiln predict <model-dir> <input.csv | images folder | .zip> --out <file.csv> [--batch N]
       kiln serve [<model-dir>] [--port 8080] [--host 0.0.0.0] [--verbose]
       kiln monitor <model-dir> <batch.csv | images folder | .zip> --out <dir> [--psi 0.2] [--ks-p 0.01] [--ks-stat 0.1] [--chi-p 0.01] [--metric-drop 0.05]
       kiln sagemaker-job <spec.json> --out <dir> [--role ARN] [--bucket NAME] [--region R] [--instance-type T] [--image URI] [--max-parallel N] [--spot]
       kiln sagemaker-train   (inside a SageMaker training job: reads /opt/ml, or KILN_SM_ROOT)

run trains the pipeline a spec describes and writes <dir>/metrics.json, <dir>/predictions.csv
and <dir>/model/ (TF.js model.json + weights.bin, and preprocessing.json). --export also writes
<dir>/export/tfjs/, <dir>/export/onnx/model.onnx and <dir>/export/sagemaker/.
predict streams a CSV through a saved model (<dir>/model/) and writes its rows with prediction,
p_<class> and error columns added; for an image model, it reads a folder or .zip of images and
writes one row per image: path, prediction, p_<class>, error. serve answers SageMaker's GET /ping and POST /invocations
(text/csv or application/json) for the model in <model-dir> (default /opt/ml/model).
monitor checks a new batch against the baseline in <model-dir> and writes <dir>/violations.json
(SageMaker Model Monitor's format) and <dir>/drift.json; it exits 0 with or without drift.
sagemaker-job writes training-job.json, tuning-job.json (when the spec has tuning), run.sh and
README.md that run the spec on SageMaker; sagemaker-train is the training image's entry point.`;

/** Default port and model directory of SageMaker's hosting contract. */
export const serveDefaults = { port: 8080, host: '0.0.0.0' } as const;

/** Parses argv (without node and the script); throws an Error with a one-line message. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command === 'predict') return parsePredict(rest);
  if (command === 'serve') return parseServe(rest);
  if (command === 'monitor') return parseMonitor(rest);
  if (command === 'sagemaker-train') return parseSageMakerTrain(rest);
  if (command === 'sagemaker-job') return parseSageMakerJob(rest);
  if (command !== 'run') throw new Error(`unknown command '${command}'; try 'kiln run <spec.json> --out <dir>', 'kiln predict', 'kiln serve' or 'kiln monitor'`);
  let specPath: string | undefined;
  let outDir: string | undefined;
  let backend: BackendPreference | undefined;
  let verbose = false;
  let exports: ExportFormat[] = [];
  let region: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--out' || arg === '-o') outDir = value();
    else if (arg === '--backend') {
      const v = value();
      if (!(backendNames as readonly string[]).includes(v)) throw new Error(`--backend must be one of ${backendNames.join(', ')}`);
      backend = v as BackendPreference;
    } else if (arg === '--export') exports = parseExports(value());
    else if (arg === '--region') region = value();
    else if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option '${arg}'`);
    else if (!specPath) specPath = arg;
    else throw new Error(`unexpected argument '${arg}'`);
  }
  if (!specPath) throw new Error('missing the spec file: kiln run <spec.json> --out <dir>');
  if (!outDir) throw new Error('missing --out <dir>');
  return { kind: 'run', specPath, outDir, backend, verbose, exports, region };
}

/** 'onnx,tfjs' → ['tfjs', 'onnx'] (a fixed order, each once); an unknown name is an error. */
function parseExports(list: string): ExportFormat[] {
  const names = list.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  const bad = names.find((n) => !(exportFormats as readonly string[]).includes(n));
  if (bad !== undefined || names.length === 0) throw new Error(`--export takes a list of ${exportFormats.join(', ')} (got '${bad ?? list}')`);
  return exportFormats.filter((f) => names.includes(f));
}

/** Splits options (`--name value` for `valued`, bare flags otherwise) from positional arguments. */
export function readOptions(rest: readonly string[], valued: readonly string[], flags: readonly string[]) {
  const values = new Map<string, string>();
  const set = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (valued.includes(arg)) {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      values.set(arg, v);
    } else if (flags.includes(arg)) set.add(arg);
    else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option '${arg}'`);
    else positionals.push(arg);
  }
  return { values, flags: set, positionals };
}

function wholeNumber(option: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new Error(`${option} must be a whole number from ${min} to ${max} (got '${text}')`);
  return n;
}

function parsePredict(rest: readonly string[]): PredictCommand {
  const { values, flags, positionals } = readOptions(rest, ['--out', '-o', '--batch'], ['--verbose', '-v']);
  const [modelDir, input, extra] = positionals;
  const hint = 'kiln predict <model-dir> <input.csv> --out <file.csv>';
  if (!modelDir || !input) throw new Error(`missing the ${modelDir ? 'input file' : 'model directory'}: ${hint}`);
  if (extra !== undefined) throw new Error(`unexpected argument '${extra}'`);
  const out = values.get('--out') ?? values.get('-o');
  if (!out) throw new Error(`missing --out <file.csv>: ${hint}`);
  const batch = wholeNumber('--batch', values.get('--batch'), 4096, 1, 1_000_000);
  return { kind: 'predict', modelDir, input, out, batch, verbose: flags.has('--verbose') || flags.has('-v') };
}

function parseServe(rest: readonly string[]): ServeCommand {
  const { values, flags, positionals } = readOptions(rest, ['--port', '--host'], ['--verbose', '-v']);
  const [modelDir, extra] = positionals;
  if (extra !== undefined) throw new Error(`unexpected argument '${extra}'`);
  const port = wholeNumber('--port', values.get('--port'), serveDefaults.port, 0, 65535);
  return { kind: 'serve', modelDir, port, host: values.get('--host') ?? serveDefaults.host, verbose: flags.has('--verbose') || flags.has('-v') };
}
