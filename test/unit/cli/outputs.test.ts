import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { metricsDocument, predictionsCsv } from '../../../src/cli/outputs.ts';
import { parseCsv } from '../../../src/core/collect/csv.ts';
import { describeImagePredictions, scoreImageSplit } from '../../../src/core/evaluate/image-scores.ts';
import { regressionMetrics } from '../../../src/core/evaluate/regression.ts';
import { scoreClassification } from '../../../src/core/evaluate/score-classification.ts';
import { describePredictions, scoreSplit } from '../../../src/core/evaluate/table-scores.ts';
import type { DecisionOptions } from '../../../src/core/evaluate/threshold.ts';
import { fitPreprocessor } from '../../../src/core/prepare/preprocess.ts';
import { defaultSpec } from '../../../src/core/spec/validate.ts';
import type { Predictions, SplitMetrics, TrainResult } from '../../../src/core/train/protocol.ts';

/** Seeded softmax rows in float32, as a network returns them, with deliberate ties. */
function softmaxOutputs(rows: number, k: number, seed: number): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const logits = Array.from({ length: k }, () => Math.round(rand() * 6) / 2); // coarse: equal rows recur
    const sum = logits.reduce((a, l) => a + Math.exp(l), 0);
    logits.forEach((l, c) => (out[r * k + c] = Math.exp(l) / sum));
  }
  return out;
}

/** A TrainResult around one split's scores and predictions; the rest is what metricsDocument reads. */
function resultOf(test: SplitMetrics, predictions: Predictions, classes: string[] | undefined, evaluate: DecisionOptions = {}): TrainResult {
  const spec = defaultSpec('t.csv', 'y');
  spec.evaluate = { threshold: 0.5, ...evaluate };
  return { task: test.task, backend: { name: 'cpu', reason: '' }, split: { train: 0, validation: 0, test: predictions.rows.length }, history: [], test, predictions, classes, stopped: false, spec } as unknown as TrainResult;
}

/** Writes both files as the runner does and reads them back as any user would. */
function roundTrip(result: TrainResult) {
  const metrics = JSON.parse(JSON.stringify(metricsDocument(result), null, 2));
  const rows = Papa.parse<Record<string, string>>(predictionsCsv(result), { header: true, skipEmptyLines: true }).data;
  return { metrics, rows };
}

/** Every classification score recomputed from predictions.csv alone. */
function recomputeClassification(rows: Record<string, string>[], classes: string[], evaluate: DecisionOptions) {
  const yTrue = rows.map((r) => classes.indexOf(r.label));
  const probs = rows.flatMap((r) => classes.map((c) => Number(r[`p_${c}`])));
  return JSON.parse(JSON.stringify(scoreClassification(yTrue, probs, classes, evaluate)));
}

const csv = (n: number, label: (i: number) => string) => 'x,y\n' + Array.from({ length: n }, (_, i) => `${i},${label(i)}`).join('\n') + '\n';

describe('metrics.json and predictions.csv agree exactly', () => {
  it('multiclass table: every metric recomputed from the file equals metrics.json', () => {
    const table = parseCsv(csv(60, (i) => ['setosa', 'versicolor', 'virginica'][i % 3]), 't.csv');
    const pre = fitPreprocessor(table, { label: 'y', features: ['x'], task: 'classification' }, [...Array(60).keys()]);
    const classes = ['setosa', 'versicolor', 'virginica'];
    const rows = [...Array(60).keys()];
    const outputs = softmaxOutputs(60, 3, 7);
    const { metrics, rows: file } = roundTrip(resultOf(scoreSplit(pre, table, rows, outputs), describePredictions(pre, table, rows, outputs), classes));
    expect(metrics.test).toEqual(recomputeClassification(file, classes, {}));
    for (const key of ['balancedAccuracy', 'precisionMicro', 'recallWeighted', 'f1Weighted', 'logLoss', 'cohenKappa', 'mcc', 'rocAuc', 'prAuc', 'ece']) {
      expect(typeof metrics.test[key], key).toBe('number');
    }
    // 9 significant digits at most, and the prediction column is the argmax of them.
    expect(file.every((r) => classes.every((c) => r[`p_${c}`].replace(/^0\.0*|\./g, '').length <= 9))).toBe(true);
  });

  it('binary table with a saved threshold and positive class: predictions and metrics use them', () => {
    const table = parseCsv(csv(40, (i) => (i % 4 === 0 ? 'fraud' : 'ok')), 't.csv');
    const pre = fitPreprocessor(table, { label: 'y', features: ['x'], task: 'classification' }, [...Array(40).keys()]);
    const classes = ['fraud', 'ok'];
    const evaluate = { threshold: 0.3, positiveClass: 'fraud' };
    const rows = [...Array(40).keys()];
    const outputs = softmaxOutputs(40, 2, 11);
    const { metrics, rows: file } = roundTrip(resultOf(scoreSplit(pre, table, rows, outputs, evaluate), describePredictions(pre, table, rows, outputs, evaluate), classes, evaluate));
    expect(metrics.test).toEqual(recomputeClassification(file, classes, evaluate));
    expect(metrics.test).toMatchObject({ positiveClass: 'fraud', threshold: 0.3 });
    expect(metrics.evaluate).toEqual(evaluate);
    expect(file.map((r) => r.prediction)).toEqual(file.map((r) => (Number(r.p_fraud) >= 0.3 ? 'fraud' : 'ok')));
    expect(metrics.featureImportance).toBeNull();
  });

  it('regression table: RMSE, MAE, R², MAPE, median AE and explained variance recomputed from the file', () => {
    const table = parseCsv(csv(30, (i) => String(i % 5 === 0 ? 0 : 10 + i * 1.37)), 't.csv');
    const pre = fitPreprocessor(table, { label: 'y', features: ['x'], task: 'regression' }, [...Array(20).keys()]);
    const rows = [...Array(30).keys()].slice(20);
    const outputs = Float32Array.from(rows, (r) => Math.sin(r) / 3);
    const { metrics, rows: file } = roundTrip(resultOf(scoreSplit(pre, table, rows, outputs), describePredictions(pre, table, rows, outputs), undefined));
    const again = regressionMetrics(file.map((r) => Number(r.label)), file.map((r) => Number(r.prediction)));
    expect(metrics.test).toEqual(JSON.parse(JSON.stringify(again)));
    expect(metrics.test.mapeSkipped).toBe(2); // rows 20 and 25 have a target of 0
  });

  it('images: the same holds for an image split', () => {
    const set = { labels: Int32Array.from({ length: 24 }, (_, i) => i % 2) };
    const classes = ['circle', 'square'];
    const indices = [...Array(24).keys()];
    const outputs = softmaxOutputs(24, 2, 3);
    const { metrics, rows: file } = roundTrip(resultOf(scoreImageSplit(set, classes, indices, outputs), describeImagePredictions(set, classes, indices, outputs), classes));
    expect(metrics.test).toEqual(recomputeClassification(file, classes, {}));
  });
});
