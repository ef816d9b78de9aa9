import { isKilnError } from './errors.ts';

/**
 * Messages that come from inside a library or the JS engine (TF.js's "Pass at least one tensor to
 * concat", "Cannot read properties of undefined"), not from a check on the user's input: they name
 * code the user never wrote and cannot act on.
 */
const internalWords =
  /\btensors?\b|\bconcat\b|\bundefined\b|\bnull\b|\bNaN\b|is not a function|is not iterable|cannot read propert|\bshapes?\b|\bdtype\b|\brank\b|\bkernel\b|maximum call stack|invalid (typed )?array length|\bat \S+:\d+:\d+/i;

/** Out-of-memory as browsers, WebGPU and Node word it. */
const outOfMemory = /out of memory|failed to allocate|allocation failed|array buffer allocation|oom\b/i;

/** A WebGPU or WebGL device that went away (driver reset, tab in the background too long). */
const deviceLost = /device (was )?lost|context lost|GPUDevice/i;

/**
 * The one-line message a person sees for any error thrown by a load, plan or run. A KilnError
 * (a user error, already worded) and a plain message pass unchanged; an internal one becomes a
 * sentence saying what happened and what to do, with the original kept for `--verbose` and the
 * console. `doing` names the operation, e.g. 'training'.
 *
 * userMessage(new Error('Pass at least one tensor to concat'), 'training')
 * // → 'training stopped on an internal error (not a problem Kiln found in your data); …'
 */
export function userMessage(e: unknown, doing: string): string {
  const message = e instanceof Error ? e.message : String(e);
  if (isKilnError(e)) return message;
  if (outOfMemory.test(message)) {
    return `${doing} ran out of memory; use fewer rows or smaller images, a smaller batch size or model, or close other tabs, then try again`;
  }
  if (deviceLost.test(message)) {
    return `the graphics device was lost during ${doing}; try again, or choose the cpu or wasm backend`;
  }
  if (message.trim() === '' || internalWords.test(message)) {
    return (
      `${doing} stopped on an internal error (not a problem Kiln found in your data); ` +
      'try again with other settings or another backend, and if it happens again report it with the details (--verbose, or the browser console)'
    );
  }
  return message;
}

/** True when `userMessage` would replace the message, i.e. the original is worth logging for a developer. */
export function isInternalError(e: unknown): boolean {
  return !isKilnError(e) && userMessage(e, '') !== (e instanceof Error ? e.message : String(e));
}
