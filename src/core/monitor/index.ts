/**
 * The Monitor stage's public API: build a baseline when a model is trained, write and read it as
 * SageMaker Model Monitor's statistics.json and constraints.json plus Kiln's baseline.json, and
 * check a new batch against it for violations, data drift, prediction drift and concept drift.
 * Pure TypeScript: the page (workers/monitor) and `kiln monitor` (src/cli/monitor.ts) both call it.
 *
 * const baseline = tableBaseline({ table, rows: split.train, fields, label, task, predictions, metric });
 * const files = baselineFiles(baseline);           // { 'statistics.json', 'constraints.json', 'baseline.json' }
 * const report = checkBatch(parseBaselineFiles(files), batchTable, { predictions });
 * report.violations // → [{ feature_name: 'x', constraint_check_type: 'baseline_drift_check', description: '…' }]
 */
export type * from './protocol.ts';
export { tableBaseline, type Baseline, type BaselineMetric, type TableBaselineInput } from './baseline.ts';
export { SAMPLE_SIZE, KLL_BUCKETS } from './profile.ts';
export { DEFAULT_MONITORING_CONFIG, MAX_DOMAIN } from './constraints.ts';
export { baselineFiles, parseBaselineFiles, violationsFile, driftFile, BASELINE_FILES, BASELINE_FORMAT } from './files.ts';
export { checkBatch, type CheckOptions } from './check.ts';
export { numericDrift, categoricalDrift, decileEdges } from './drift.ts';
export { batchMetric } from './concept.ts';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.ts';
export { psi, ksTwoSample, chiSquare, kolmogorovTail, gammaQ, PSI_EPSILON } from './stats.ts';
export { imageFeatures, imageFeatureTable, imageBaseline, imagesOf, IMAGE_FEATURES, type ImageLike } from './image-features.ts';
export { testMetric } from './test-metric.ts';
