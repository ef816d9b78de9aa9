import type { TableProfile } from '../prepare/profile.ts';
import type { TrainResult } from '../train/protocol.ts';
import type { HistoryModel } from './model-history.ts';

// The Projects stage's messages between the page and the worker: plain data and transferred bytes.

/** What the worker holds after a project's stored data is put back: a table's profile, or images. */
export type RestoredData = { kind: 'table'; profile: TableProfile; warnings: string[]; rows: number } | { kind: 'images'; count: number };

/** Why a stored model was or was not put back, for the page to say. */
export type RestoredModel = { ok: true } | { ok: false; reason: string };

/** A saved model history put back in the worker: the list for the page and the live model's run, or why it was not (`stale`: a later run from Train replaced its model). */
export type RestoredHistory =
  | { ok: true; models: HistoryModel[]; live: TrainResult; kind: 'table' | 'images'; fingerprint: string }
  | { ok: false; reason: string; stale?: boolean };
