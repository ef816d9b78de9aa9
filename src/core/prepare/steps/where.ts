import { isKilnError, KilnError } from '../../errors.ts';
import { ExpressionError } from '../expression/index.ts';

/** Runs `fn`, adding the file and the step's spec path (`prepare.3`) to any KilnError it throws. */
export function atStep<T>(index: number, file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!isKilnError(e) || e.where.path !== undefined) throw e;
    if (e instanceof ExpressionError) {
      throw new ExpressionError(e.detail, e.position, { file, ...e.where, path: `prepare.${index}.expression` });
    }
    throw new KilnError(e.detail, { file, ...e.where, path: `prepare.${index}` });
  }
}
