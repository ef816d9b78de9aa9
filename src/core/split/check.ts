import { KilnError } from '../errors.ts';
import type { SplitSpec, TrainSpec } from '../spec/schema.ts';
import type { SplitIndices } from './split.ts';

/**
 * What the split means for training that the user should know, read with the training settings;
 * null when nothing. Early stopping watches the validation split, so with none it is off (the
 * default spec turns it on, so this is a note, not an error).
 *
 * earlyStoppingNote({ …split, validation: 0 }, { …train, patience: 10 })
 * // → 'early stopping (train.patience 10) is off: it watches the validation split, which is empty; …'
 */
export function earlyStoppingNote(split: Pick<SplitSpec, 'validation'>, train: Pick<TrainSpec, 'patience'>): string | null {
  if (train.patience <= 0 || split.validation > 0) return null;
  return (
    `early stopping (train.patience ${train.patience}) is off: it watches the validation split, which is empty; ` +
    'every epoch runs and the last one is kept. Give validation a share such as 0.15 to use it'
  );
}

/** What `checkSplitSizes` reads: the planned rows per split, the ratios asked for, and each row's class. */
export interface SplitSizeInput {
  split: SplitIndices;
  ratios: Pick<SplitSpec, 'train' | 'validation' | 'test'>;
  /** Classification: the class of a row (null when missing); absent for regression. */
  classOf?: (row: number) => string | null;
  /** 'row' for tables, 'image' for image sets: the word the messages use. */
  unit: 'row' | 'image';
  /** Where the data came from, for the message. */
  file?: string;
}

/**
 * Checks, before any tensor exists, that every split the spec asks for gets rows and (for
 * classification) that training sees at least two classes. Throws a KilnError saying what is too
 * small and what to do; returns warnings for what can go on (a validation share that rounds to
 * no rows: early stopping is then off).
 *
 * checkSplitSizes({ split: { train: [0, 1, 2], validation: [3], test: [] }, ratios: { train: 0.7, validation: 0.15, test: 0.15 }, unit: 'row' })
 * // → throws "the test split gets no rows: 4 labelled rows × test 0.15 round to none, …"
 */
export function checkSplitSizes({ split, ratios, classOf, unit, file }: SplitSizeInput): string[] {
  const n = split.train.length + split.validation.length + split.test.length;
  const rows = (k: number) => `${k} labelled ${unit}${k === 1 ? '' : 's'}`;
  if (classOf && n > 1) {
    const all = new Set<string | null>();
    for (const part of [split.train, split.validation, split.test]) for (const r of part) all.add(classOf(r));
    if (all.size === n) {
      throw new KilnError(
        `every class has exactly one ${unit} (${n} classes in ${rows(n)}), so no class can be both learned and checked; ` +
          'if this is an id or free-text column pick another label, otherwise add rows (at least 2 per class, better 10 or more)',
        { file, path: 'data.label' },
      );
    }
  }
  for (const part of ['train', 'test'] as const) {
    if (split[part].length > 0) continue;
    // The smallest share that gives one row of n, rounded up to a tidy 0.05.
    const share = Math.min(0.5, Math.ceil(20 / Math.max(n, 1)) / 20);
    const advice =
      part === 'test'
        ? `add ${unit}s (at least ${Math.ceil(1 / ratios.test)} for test ${ratios.test}) or give split.test a larger share such as ${share.toFixed(2)}`
        : `add ${unit}s or give split.train a larger share`;
    throw new KilnError(
      `the ${part === 'train' ? 'training' : 'test'} split gets no ${unit}s: ${rows(n)} × ${part} ${ratios[part]} round to none, ` +
        `so there is nothing to ${part === 'train' ? 'train' : 'score the model'} on; ${advice}`,
      { file, path: `split.${part}` },
    );
  }
  const warnings: string[] = [];
  if (ratios.validation > 0 && split.validation.length === 0) {
    warnings.push(
      `the validation split gets no ${unit}s (${rows(n)} × validation ${ratios.validation} round to none), ` +
        `so early stopping is off and every epoch runs; add ${unit}s or give split.validation a larger share`,
    );
  }
  if (classOf) {
    const seen = new Set<string>();
    for (const r of split.train) {
      const c = classOf(r);
      if (c !== null) seen.add(c);
      if (seen.size > 1) return warnings;
    }
    const only = seen.size === 0 ? 'no class' : `only one class ('${[...seen][0]}')`;
    throw new KilnError(
      `the training split has ${only} in its ${split.train.length} ${unit}${split.train.length === 1 ? '' : 's'}; ` +
        'a model needs at least two classes to learn from: add rows of the other classes, turn split.stratify on, or give split.train a larger share',
      { file, path: 'split.train' },
    );
  }
  return warnings;
}
