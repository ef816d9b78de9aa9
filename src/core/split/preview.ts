import { cellText, fileLine, findColumn, type Column, type NumericColumn } from '../collect/table.ts';
import type { PipelineSpec, TaskKind } from '../spec/schema.ts';
import type { ImageSet } from '../collect/image-set.ts';
import type { ImageRunPlan } from '../train/image-plan.ts';
import type { RunPlan } from '../train/plan.ts';
import { findCrossSplitDuplicates, rowKeyFromTable, splitReport, type DuplicateReport } from './report.ts';
import { splitCounts, splitNames, type SplitIndices, type SplitName, type SplitSizes, type Stratum } from './split.ts';
import { splitStrata } from './strata.ts';

/** How many duplicate pairs the preview names by line. */
export const previewDuplicateExamples = 5;
/** How many group values the preview lists per split. */
export const previewGroupValues = 100;

/** Duplicate feature rows that sit in different splits, located by file line. */
export interface PreviewDuplicates {
  /** Distinct feature values found in more than one split. */
  values: number;
  leakedRows: { validation: number; test: number };
  /** Up to `previewDuplicateExamples` pairs; lines are 1-based file lines (header = line 1). */
  examples: { lines: [number, number]; splits: [SplitName, SplitName] }[];
  /** One readable sentence per split with leaked rows, e.g. "1 test row also appears in train (line 144 = line 103)". */
  notices: string[];
}

/** Which group values landed in each split; `shared` should always be empty. */
export interface PreviewGroups {
  column: string;
  bySplit: Record<SplitName, { count: number; values: string[] }>;
  /** Group values found in more than one split. */
  shared: string[];
  /** Rows with no group value (each is its own group). */
  missingRows: number;
}

/** Everything the Split panel shows about a planned split: plain data, safe to post from a worker. */
export interface SplitPreview {
  task: TaskKind;
  /** What is being split: table rows or images. */
  unit: 'row' | 'image';
  counts: SplitSizes;
  /** Rows in each split per class (classification) or per quantile bin of the target (regression). */
  distribution: { by: 'class' | 'bin'; names: string[]; counts: Record<SplitName, number[]> };
  /** e.g. "class 'setosa' has 1 example in test". */
  warnings: string[];
  duplicates: PreviewDuplicates;
  /** Sizes of each cross-validation fold, or null when folds are off. */
  folds: SplitSizes[] | null;
  groups: PreviewGroups | null;
}

/** A split preview, or the reason there is none as a message the user can act on. */
export type SplitPreviewResult = { ok: true; preview: SplitPreview } | { ok: false; error: string };

/** The parts of a run plan the preview reads. */
export type PlannedSplit = Pick<RunPlan, 'task' | 'table' | 'origin' | 'split' | 'folds' | 'strataByRow'>;

/**
 * Summarises a planned split for the UI: counts, class (or target-bin) spread, thin-class
 * warnings, cross-split duplicates over the feature columns, fold sizes and group placement.
 *
 * buildSplitPreview(planRun(spec, iris), spec)
 * // → { task: 'classification', counts: { train: 105, validation: 22, test: 23 },
 * //     distribution: { by: 'class', names: ['setosa', …], counts: { train: [35, 35, 35], … } }, warnings: [], … }
 */
export function buildSplitPreview(plan: PlannedSplit, spec: PipelineSpec): SplitPreview {
  const { table, split } = plan;
  const label = findColumn(table, spec.data.label);
  if (!label) throw new Error(`label column '${spec.data.label}' is missing from the planned table`);
  const rows = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  const byBin = plan.task === 'regression' && label.type === 'numeric';
  const strata = plan.strataByRow ?? rowStrata(plan, label, rows, spec);
  const report = splitReport(split, strata);
  const names = byBin ? report.classes.map((c) => binName(label, rows, strata, c)) : report.classes;
  const warnings = report.warnings.map((w) =>
    byBin ? w.message.replace(`class '${w.stratum}'`, `target bin ${names[report.classes.indexOf(w.stratum)]}`) : w.message,
  );

  const features = table.columns.map((c) => c.name).filter((n) => n !== label.name && n !== spec.split.group);
  const line = (row: number) => fileLine(plan.table, plan.origin[row] ?? row);
  const found = findCrossSplitDuplicates(rowKeyFromTable(table, features), split);
  const examples = found.examples.slice(0, previewDuplicateExamples).map((e) => ({ lines: e.rows.map(line) as [number, number], splits: e.splits }));

  return {
    task: plan.task,
    unit: 'row',
    counts: splitCounts(split),
    distribution: { by: byBin ? 'bin' : 'class', names, counts: report.counts },
    warnings,
    duplicates: {
      values: found.values,
      leakedRows: found.leakedRows,
      examples,
      notices: leakNotices(found, examples),
    },
    folds: plan.folds?.map(splitCounts) ?? null,
    groups: spec.split.group === undefined ? null : groupPlacement(plan, spec.split.group, split),
  };
}

/** Strata for the distribution when the plan did not stratify: the same classes or bins it would have used. */
function rowStrata(plan: PlannedSplit, label: Column, rows: number[], spec: PipelineSpec): (Stratum | null)[] {
  const strata = splitStrata(plan.task, label, rows, { stratify: true, bins: spec.split.bins })!;
  const byRow = new Array<Stratum | null>(plan.table.rowCount).fill(null);
  rows.forEach((r, i) => (byRow[r] = strata[i]));
  return byRow;
}

/** A bin's value range, e.g. "12.5–20.1". */
function binName(label: NumericColumn, rows: number[], strata: ArrayLike<Stratum | null>, bin: string): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (String(strata[r]) !== bin) continue;
    lo = Math.min(lo, label.values[r]);
    hi = Math.max(hi, label.values[r]);
  }
  if (lo > hi) return bin;
  const fmt = (v: number) => String(+v.toPrecision(3));
  return lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
}

/** "N <split> rows also appear in <where> (line a = line b, …)" for validation and test. */
function leakNotices(found: DuplicateReport, shown: PreviewDuplicates['examples'] | ImageDuplicateExample[], unit: 'row' | 'image' = 'row'): string[] {
  const notices: string[] = [];
  const say = (n: number, split: SplitName, where: string) => {
    const mine = shown
      .filter((e) => e.splits[1] === split)
      .map((e) => ('lines' in e ? `line ${e.lines[1]} = line ${e.lines[0]}` : `${e.names[1]} = ${e.names[0]}`));
    const more = n > mine.length ? ', …' : '';
    const lines = mine.length ? ` (${mine.join(', ')}${more})` : '';
    notices.push(`${n} ${split} ${unit}${n === 1 ? '' : 's'} also appear${n === 1 ? 's' : ''} in ${where}${lines}`);
  };
  const { leakedRows, pairs } = found;
  if (leakedRows.validation > 0) say(leakedRows.validation, 'validation', 'train');
  if (leakedRows.test > 0) {
    const where = pairs.validationTest === 0 ? 'train' : pairs.trainTest === 0 ? 'validation' : 'train or validation';
    say(leakedRows.test, 'test', where);
  }
  return notices;
}

function groupPlacement(plan: PlannedSplit, name: string, split: SplitIndices): PreviewGroups | null {
  const column = findColumn(plan.table, name);
  if (!column) return null; // dropped by a prepare step after splitting: nothing to list
  const seenIn = new Map<string, Set<SplitName>>();
  let missingRows = 0;
  const bySplit = {} as PreviewGroups['bySplit'];
  for (const s of splitNames) {
    const values = new Set<string>();
    for (const r of split[s]) {
      const key = cellText(column, r);
      if (key === null) missingRows++;
      else values.add(key);
    }
    for (const v of values) seenIn.set(v, (seenIn.get(v) ?? new Set()).add(s));
    const sorted = [...values].sort(collator.compare);
    bySplit[s] = { count: sorted.length, values: sorted.slice(0, previewGroupValues) };
  }
  const shared = [...seenIn].filter(([, where]) => where.size > 1).map(([v]) => v).sort(collator.compare);
  return { column: name, bySplit, shared, missingRows };
}

const collator = new Intl.Collator('en', { numeric: true });

/** A pair of identical images in two splits, by path inside the source. */
interface ImageDuplicateExample {
  names: [string, string];
  splits: [SplitName, SplitName];
}

/**
 * The Split panel's preview for an image run: counts, the class spread per split, thin-class
 * warnings, and images whose pixels (after resizing) are identical across splits, named by path:
 * the image counterpart of duplicate rows, and a leak just the same.
 *
 * buildImageSplitPreview(planImageRun(spec, shapes), shapes)
 * // → { task: 'classification', counts: { train: 84, validation: 18, test: 18 }, distribution: { by: 'class', … }, … }
 */
export function buildImageSplitPreview(plan: Pick<ImageRunPlan, 'split' | 'classes'> & Partial<Pick<ImageRunPlan, 'folds'>>, set: Pick<ImageSet, 'labels' | 'pixels' | 'names' | 'width' | 'height' | 'channels'>): SplitPreview {
  const { split } = plan;
  const report = splitReport(split, (i) => plan.classes[set.labels[i]]);
  const bytes = set.width * set.height * set.channels;
  const found = findCrossSplitDuplicates((i) => pixelKey(set.pixels, i * bytes, bytes), split);
  const examples = found.examples.slice(0, previewDuplicateExamples).map((e) => ({
    names: e.rows.map((i) => set.names[i]) as [string, string],
    splits: e.splits,
  }));
  return {
    task: 'classification',
    unit: 'image',
    counts: splitCounts(split),
    distribution: { by: 'class', names: report.classes, counts: report.counts },
    warnings: report.warnings.map((w) => w.message.replaceAll(' example', ' image')),
    duplicates: { values: found.values, leakedRows: found.leakedRows, examples: [], notices: leakNotices(found, examples, 'image') },
    folds: plan.folds?.map(splitCounts) ?? null,
    groups: null,
  };
}

/** Two independent 32-bit FNV-1a hashes of one image's bytes: equal images, equal keys; a false match is ~1 in 2^64. */
function pixelKey(pixels: Uint8Array, start: number, length: number): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = start; i < start + length; i++) {
    a = Math.imul(a ^ pixels[i], 0x01000193);
    b = Math.imul(b ^ pixels[i], 0x5bd1e995) ^ (b >>> 15);
  }
  return `${a >>> 0}:${b >>> 0}`;
}

