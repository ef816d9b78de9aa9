import { readFile } from 'node:fs/promises';
import { KilnError } from '../core/errors.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { formatSpecIssues, validateSpec } from '../core/spec/validate.ts';

/** Reads and validates a bare spec file; `json` is what the file said, before defaults were filled in. */
export async function readSpecFile(path: string): Promise<{ spec: PipelineSpec; json: unknown }> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new KilnError('spec file not found', { file: path });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KilnError(`not valid JSON (${(e as Error).message})`, { file: path });
  }
  const result = validateSpec(json);
  if (!result.ok) throw new KilnError(formatSpecIssues(result.issues).replaceAll('\n', '; '), { file: path });
  return { spec: result.spec, json };
}
