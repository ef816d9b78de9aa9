import * as tf from '@tensorflow/tfjs';
import type { Table } from '../../src/core/collect/table.ts';
import { dataFingerprint } from '../../src/core/deploy/fingerprint.ts';
import { baselineFiles, tableBaseline, testMetric, type Baseline } from '../../src/core/monitor/index.ts';
import { inputSchema } from '../../src/core/deploy/input-schema.ts';
import { describePredictions, scoreSplit } from '../../src/core/evaluate/table-scores.ts';
import { positiveIndex } from '../../src/core/evaluate/threshold.ts';
import { encodeFeatures, encodeLabels } from '../../src/core/prepare/preprocess.ts';
import { inputColumns } from '../../src/core/prepare/steps/fit.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import { planRun, type RunPlan } from '../../src/core/train/plan.ts';
import { checkedModel } from '../../src/core/train/presets.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import type { DataAdapter, TrainedTable } from './adapter.ts';
import { exportModelFiles } from './export.ts';
import type { TensorSplit } from './fit.ts';
import { buildModel } from './model.ts';

/**
 * A loaded table in the training pipeline: row steps, task, split and preparation are planned
 * (and refitted per cross-validation fold) in src/core; rows are encoded and fed to an MLP.
 */
export function tableAdapter(spec: PipelineSpec, raw: Table): DataAdapter<RunPlan, TrainedTable> {
  return {
    preparing: 'Preparing data',
    plan: () => {
      const plan = planRun(spec, raw);
      // Before any tensor exists: a stack that cannot be built is explained by layer, not crashed.
      checkedModel(spec.model, { kind: 'table', task: plan.task, input: [plan.pre.width], classes: plan.classes?.length ?? 1, rows: plan.split.train.length });
      if (plan.classes) positiveIndex(plan.classes, spec.evaluate.positiveClass); // a misspelt positive class fails before training
      return plan;
    },
    // Each fold replans, refitting the preparation on that fold's training rows.
    planFold: (_plan, fold) => planRun(spec, raw, { split: fold }),
    parts: (plan) => ({
      tensors: (rows) => toTensors(plan, rows),
      model: () => buildModel(spec.model, spec.train, { inputWidth: plan.pre.width, outputs: plan.classes?.length ?? 1, task: plan.task, rows: plan.split.train.length }, spec.seed),
      score: (rows, outputs) => scoreSplit(plan.pre, plan.table, rows, outputs, spec.evaluate),
      // Rows as the loaded file numbers them (row steps may have removed some).
      describe: (rows, outputs) => ({ ...describePredictions(plan.pre, plan.table, rows, outputs, spec.evaluate), rows: rows.map((r) => plan.origin[r]) }),
    }),
    trained: (plan, model, result) => {
      const fields = inputColumns(plan.prepare, plan.pre.features.map((f) => f.name));
      const schema = inputSchema(plan.kept, fields, plan.split.train, plan.prepare);
      const trained: TrainedTable = {
        kind: 'table',
        result,
        model,
        pre: plan.pre,
        prepare: plan.prepare,
        schema,
        fingerprint: dataFingerprint(raw),
        // The monitoring baseline (statistics.json, constraints.json, baseline.json) travels with the model.
        files: async () => ({ ...(await exportModelFiles(trained)), ...baselineFiles(runBaseline(plan, fields, result)) }),
      };
      return trained;
    },
  };
}

/** The monitoring baseline of a finished run: its raw training rows, test predictions and goal metric. */
function runBaseline(plan: RunPlan, fields: readonly string[], result: TrainResult): Baseline {
  return tableBaseline({
    table: plan.kept,
    rows: plan.split.train,
    fields,
    label: plan.pre.label.name,
    task: plan.task,
    classes: plan.classes ?? null,
    predictions: result.predictions.predictions,
    metric: testMetric(result),
  });
}

/** Encodes one split's rows and uploads them to the active backend. */
function toTensors(plan: RunPlan, rows: readonly number[]): TensorSplit {
  const n = rows.length;
  const x = tf.tensor2d(encodeFeatures(plan.pre, plan.table, rows), [n, plan.pre.width]);
  const labels = encodeLabels(plan.pre, plan.table, rows);
  const y = plan.classes
    ? tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), plan.classes!.length).toFloat() as tf.Tensor2D)
    : tf.tensor2d(labels, [n, 1]);
  return { x, y, n };
}
