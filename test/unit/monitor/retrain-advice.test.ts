import { describe, expect, it } from 'vitest';
import type { FeatureDrift } from '../../../src/core/monitor/index.ts';
import { retrainReasons } from '../../../src/core/monitor/retrain-advice.ts';

const drift = (feature: string, drifted: boolean) => ({ feature, drifted }) as FeatureDrift;
const none = { features: [], prediction: null, concept: null, violations: [], label: 'y' };

describe('retrainReasons', () => {
  it('is empty for a clean batch and for data-quality violations alone', () => {
    expect(retrainReasons(none)).toEqual([]);
    const violations = [
      { feature_name: 'z', constraint_check_type: 'missing_column_check' as const, description: '' },
      { feature_name: 'note', constraint_check_type: 'extra_column_check' as const, description: '' },
      { feature_name: 'x', constraint_check_type: 'data_type_check' as const, description: '' },
    ];
    expect(retrainReasons({ ...none, features: [drift('x', false)], violations })).toEqual([]);
  });

  it('names drifted features, prediction drift, the metric crossing its threshold, and changed label classes', () => {
    const concept = { metric: 'accuracy', baseline: 0.92, batch: 0.75, target: 0.9, higherIsBetter: true, drifted: true, missesGoal: true };
    const violations = [{ feature_name: 'y', constraint_check_type: 'categorical_values_check' as const, description: '' }];
    expect(retrainReasons({ features: [drift('x', true), drift('z', false)], prediction: drift('prediction', true), concept, violations, label: 'y' })).toEqual([
      'x drifted',
      'the predictions drifted',
      'accuracy worsened from 0.92 to 0.75 (concept drift), misses the goal 0.9',
      "the 'y' classes differ from training",
    ]);
  });

  it('advises on a missed goal without drift', () => {
    const concept = { metric: 'rmse', baseline: 1.2, batch: 1.23, target: 1, higherIsBetter: false, drifted: false, missesGoal: true };
    expect(retrainReasons({ ...none, concept })).toEqual(['rmse is 1.23, misses the goal 1']);
  });
});
