import { readFileSync } from 'node:fs';
import type { ModelFiles } from '../../../src/core/deploy/model-doc.ts';
import { recordRun, type RunRecord } from '../../../src/core/project/run-record.ts';
import type { TrainResult } from '../../../src/core/train/protocol.ts';

const raw = JSON.parse(readFileSync(new URL('../../fixtures/project/run.json', import.meta.url), 'utf8')) as { result: TrainResult; fingerprint: string; files: Record<string, string> };

/** A real run of a 3-epoch iris model (see test/fixtures/project/make-run-fixture.ts). */
export const fixtureRun: RunRecord = recordRun(1, 'Run 1 · mlp 4', raw.result, { kind: 'table', fingerprint: raw.fingerprint }, new Date('2026-01-02T03:04:05Z'));

/** That run's model directory. */
export const fixtureModel: ModelFiles = Object.fromEntries(Object.entries(raw.files).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]));
