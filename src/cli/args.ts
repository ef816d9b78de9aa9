import { backendNames, type BackendPreference } from '../core/spec/schema.ts';

/** Export formats `kiln run --export` writes under <out>/export/. */
export const exportFormats = ['tfjs', 'onnx', 'sagemaker'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What the user asked the CLI to do. */
export type Command =
  | { kind: 'help' }
  | { kind: 'run'; specPath: string; outDir: string; backend?: BackendPreference; verbose: boolean; exports: ExportFormat[] };

export const usage = `Usage: kiln run <spec.json> --out <dir> [--export tfjs,onnx,sagemaker] [--backend auto|webgpu|webgl|cpu] [--verbose]

Trains the pipeline a spec describes and writes <dir>/metrics.json, <dir>/predictions.csv
and <dir>/model/ (TF.js model.json + weights.bin, and preprocessing.json). --export also writes
<dir>/export/tfjs/, <dir>/export/onnx/model.onnx and <dir>/export/sagemaker/.`;

/** Parses argv (without node and the script); throws an Error with a one-line message. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'run') throw new Error(`unknown command '${command}'; try 'kiln run <spec.json> --out <dir>'`);
  let specPath: string | undefined;
  let outDir: string | undefined;
  let backend: BackendPreference | undefined;
  let verbose = false;
  let exports: ExportFormat[] = [];
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
    else if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option '${arg}'`);
    else if (!specPath) specPath = arg;
    else throw new Error(`unexpected argument '${arg}'`);
  }
  if (!specPath) throw new Error('missing the spec file: kiln run <spec.json> --out <dir>');
  if (!outDir) throw new Error('missing --out <dir>');
  return { kind: 'run', specPath, outDir, backend, verbose, exports };
}

/** 'onnx,tfjs' → ['tfjs', 'onnx'] (a fixed order, each once); an unknown name is an error. */
function parseExports(list: string): ExportFormat[] {
  const names = list.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  const bad = names.find((n) => !(exportFormats as readonly string[]).includes(n));
  if (bad !== undefined || names.length === 0) throw new Error(`--export takes a list of ${exportFormats.join(', ')} (got '${bad ?? list}')`);
  return exportFormats.filter((f) => names.includes(f));
}
