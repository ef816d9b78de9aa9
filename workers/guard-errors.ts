import { KilnError } from '../src/core/errors.ts';
import { isInternalError, userMessage } from '../src/core/user-error.ts';

/**
 * The worker API with every call's internal errors (TF.js's "Pass at least one tensor to concat",
 * a TypeError) rewritten into a plain sentence before they cross to the page; the original goes
 * to the worker's console for a developer. User errors (KilnError) and plain messages pass as they are.
 */
export function guardErrors<T extends Record<string, unknown>>(api: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function') {
      guarded[name] = value;
      continue;
    }
    guarded[name] = (...args: unknown[]) => {
      const rewrite = (e: unknown) => {
        if (!isInternalError(e)) throw e;
        console.error(`kiln worker: ${name} failed`, e);
        throw new KilnError(userMessage(e, doingOf(name)));
      };
      try {
        const out = (value as (...a: unknown[]) => unknown).apply(api, args);
        return out instanceof Promise ? out.catch(rewrite) : out;
      } catch (e) {
        return rewrite(e);
      }
    };
  }
  return guarded as T;
}

/** 'train' → 'training', 'loadCsv' → 'loading': what the message says was going on. */
function doingOf(name: string): string {
  if (/^(train|beginRun|resume)/i.test(name)) return 'training';
  if (/^tune/i.test(name)) return 'tuning';
  if (/^load|^ingest|^open/i.test(name)) return 'loading';
  return 'this step';
}
