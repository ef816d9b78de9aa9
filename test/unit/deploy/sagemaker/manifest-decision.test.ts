import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../../../src/core/deploy/sagemaker/manifest.ts';
import { packageReadme } from '../../../../src/core/deploy/sagemaker/readme.ts';
import { resourceNames } from '../../../../src/core/deploy/sagemaker/index.ts';
import { penguinDoc, testMetrics } from './fixture.ts';

/** A binary penguin model saved with a threshold on its first class. */
function binaryManifest(evaluate: object | undefined) {
  const base = penguinDoc();
  const doc = { ...base, classes: ['Adelie', 'other'], spec: { ...base.spec, evaluate } } as typeof base;
  return buildManifest({
    name: 'penguins',
    doc,
    signature: { input: { name: 'raw_input', dims: [3] }, output: { name: 'probabilities', dims: [2] } },
    metrics: { test: testMetrics },
    createdAt: '2025-01-01T00:00:00Z',
    fingerprint: '0123456789abcdef',
    kilnVersion: '0.0.0',
    region: 'us-east-1',
  });
}

describe('manifest decision', () => {
  it("records a binary model's saved threshold and positive class beside the probabilities", () => {
    const m = binaryManifest({ threshold: 0.3, positiveClass: 'Adelie' });
    expect(m.output).toMatchObject({ kind: 'classification', values: 'probabilities', decision: { positiveClass: 'Adelie', threshold: 0.3 } });
    expect(packageReadme(m, resourceNames('penguins', new Uint8Array(4)), false)).toContain(
      "probabilities for Adelie, other (in that order; Kiln's class decision is Adelie when its probability is ≥ 0.3 (the saved threshold))",
    );
  });

  it('uses the defaults for a model saved before the spec had `evaluate`', () => {
    expect(binaryManifest(undefined).output).toMatchObject({ decision: { positiveClass: 'other', threshold: 0.5 } });
  });
});
