/**
 * Summarises the defaults benchmark: per table the mean over seeds of Kiln's and scikit-learn's
 * test scores, the gap in test examples, and the JSON line's ratio.
 */

/** Test scores of one side on one split, as bench/lib/defaults_sklearn.py computes them. */
export type Scores = { accuracy: number; f1Macro: number } | { rmse: number; r2: number };

/** One table, one seed: Kiln, the reference (fit on train + validation) and sklearn fit on train only. */
export interface SeedResult {
  seed: number;
  testRows: number;
  epochs: number;
  bestEpoch?: number;
  seconds: number;
  /** Which model the run kept, when it compared the MLP with a linear one. */
  picked?: 'mlp' | 'linear';
  kiln: Scores;
  reference: Scores;
  trainOnly: Scores;
}

/** The headline score: accuracy for classification, R² for regression (higher is better for both). */
export const headline = (s: Scores): number => ('accuracy' in s ? s.accuracy : s.r2);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const r = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Means of every score over the seeds, rounded for the report. */
function meanScores(list: Scores[]): Record<string, number> {
  const keys = Object.keys(list[0]) as (keyof Scores)[];
  return Object.fromEntries(keys.map((k) => [k, r(mean(list.map((s) => (s as Record<string, number>)[k])))]));
}

/**
 * One table's line: means over seeds and the gap. For classification the gap is counted in test
 * examples (Kiln's correct answers minus sklearn's, averaged over seeds), e.g.
 * "trails by 0.8 of one test example in 85"; for regression it is the R² and RMSE difference.
 */
export function summariseTable(task: string, runs: SeedResult[]) {
  const kiln = mean(runs.map((s) => headline(s.kiln)));
  const reference = mean(runs.map((s) => headline(s.reference)));
  const testRows = r(mean(runs.map((s) => s.testRows)), 1);
  const summary = {
    task,
    metric: task === 'classification' ? 'accuracy' : 'r2',
    kiln: r(kiln),
    reference: r(reference),
    trainOnly: r(mean(runs.map((s) => headline(s.trainOnly)))),
    ratio: r(kiln / reference),
    kilnScores: meanScores(runs.map((s) => s.kiln)),
    referenceScores: meanScores(runs.map((s) => s.reference)),
    epochs: r(mean(runs.map((s) => s.epochs)), 1),
    bestEpoch: runs.every((s) => s.bestEpoch !== undefined) ? r(mean(runs.map((s) => s.bestEpoch!)), 1) : null,
    seconds: r(mean(runs.map((s) => s.seconds)), 2),
    /** Seeds on which the validation split chose the linear model over the MLP. */
    linearPicked: `${runs.filter((s) => s.picked === 'linear').length} of ${runs.length}`,
    testRows,
    gap: '',
  };
  if (task === 'classification') {
    const examples = mean(runs.map((s) => (headline(s.kiln) - headline(s.reference)) * s.testRows));
    const verb = examples < -0.005 ? 'trails by' : examples > 0.005 ? 'leads by' : 'ties,';
    summary.gap = `${verb} ${Math.abs(r(examples, 2))} of one test example in ${testRows}`;
  } else {
    const k = summary.kilnScores;
    const s = summary.referenceScores;
    summary.gap = `R² ${signed(k.r2 - s.r2, 3)}, RMSE ${signed(k.rmse - s.rmse, 3)} (${r((k.rmse / s.rmse - 1) * 100, 1)}%)`;
  }
  return summary;
}

const signed = (v: number, digits: number) => (v >= 0 ? '+' : '') + r(v, digits);

/** The JSON line's ratio: the mean over tables of Kiln's mean headline score ÷ sklearn's. */
export const overallRatio = (tables: { ratio: number }[]): number => r(mean(tables.map((t) => t.ratio)));
