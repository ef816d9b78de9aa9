/** Where in the user's input a problem was found; every field is optional. */
export interface ErrorLocation {
  file?: string;
  /** 1-based line number in the source file, counting the header line as line 1. */
  line?: number;
  column?: string;
  /** Dotted path inside a JSON document, e.g. `split.train`. */
  path?: string;
}

/**
 * An error the user caused and can fix: carries where it happened and prints as one line.
 *
 * new KilnError('not a number', { file: 'iris.csv', line: 12, column: 'sepal_length' }).message
 * // → "iris.csv line 12, column 'sepal_length': not a number"
 */
export class KilnError extends Error {
  override name = 'KilnError';
  constructor(
    readonly detail: string,
    readonly where: ErrorLocation = {},
  ) {
    super(formatLocation(where) + detail);
  }
}

function formatLocation({ file, line, column, path }: ErrorLocation): string {
  const parts: string[] = [];
  if (file) parts.push(file);
  if (line !== undefined) parts.push(`line ${line}`);
  const head = parts.join(' ');
  const tail = [column !== undefined ? `column '${column}'` : '', path ?? ''].filter(Boolean).join(' ');
  const where = [head, tail].filter(Boolean).join(', ');
  return where ? `${where}: ` : '';
}

/** True for errors that carry a user-facing message (as opposed to bugs). */
export function isKilnError(e: unknown): e is KilnError {
  return e instanceof Error && e.name === 'KilnError';
}
