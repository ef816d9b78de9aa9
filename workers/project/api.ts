import * as Comlink from 'comlink';
import type { ModelFiles } from '../../src/core/deploy/model-doc.ts';
import { dataFingerprint } from '../../src/core/deploy/fingerprint.ts';
import { isKilnError } from '../../src/core/errors.ts';
import { decodeData, encodeData, type Entries } from '../../src/core/project/data-codec.ts';
import type { RestoredData, RestoredModel } from '../../src/core/project/protocol.ts';
import { profileTable } from '../../src/core/prepare/profile.ts';
import type { PipelineSpec } from '../../src/core/spec/schema.ts';
import type { TrainResult } from '../../src/core/train/protocol.ts';
import { trainingData } from '../../src/core/train/image-plan.ts';
import { releaseDeployed } from '../deploy/trained-model.ts';
import { loadedKinds, resident } from '../state.ts';
import { disposeModel } from '../train/model.ts';
import { trainedFromFiles } from './restore-model.ts';

/** Projects-stage calls: the resident data and model as plain bytes, to save, and back. */
export const projectApi = {
  /**
   * The data `kind` trains on as .kiln entries (Blobs), or null when none is loaded.
   * Data over `maxBytes` is not copied (a copy of a huge table could exhaust memory): its size comes back instead.
   */
  async projectData(kind: PipelineSpec['data']['kind'], maxBytes = Infinity): Promise<{ entries: Record<string, Blob> } | { tooBig: number } | null> {
    const loaded = loadedKinds();
    if (!loaded.table && !loaded.images) return null;
    const which = trainingData(kind === 'auto' || loaded[kind] ? kind : 'auto', loaded);
    const data = which === 'images' ? resident.images! : resident.table!;
    const bytes = 'columns' in data ? data.rowCount * data.columns.reduce((n, c) => n + (c.type === 'numeric' ? 8 : 4), 0) : data.pixels.length;
    if (bytes > maxBytes) return { tooBig: bytes };
    // Blobs made here: the page stores them as they are, and never copies or clones the bytes on its
    // own thread (a 160 MB table's bytes held the page for a third of a second).
    const entries = Object.fromEntries(Object.entries(encodeData(data)).map(([path, bytes]) => [path, new Blob([bytes as Uint8Array<ArrayBuffer>])]));
    return { entries };
  },

  /** The resident model's directory (copies, transferred), or null when nothing is trained. */
  async projectModel(): Promise<{ files: ModelFiles; fingerprint: string } | null> {
    if (!resident.trained) return null;
    const files = Object.fromEntries(Object.entries(await resident.trained.files()).map(([k, v]) => [k, v.slice()]));
    return Comlink.transfer({ files, fingerprint: resident.trained.fingerprint }, Object.values(files).map((b) => b.buffer as ArrayBuffer));
  },

  /** Makes saved data (checked as an imported file is) the resident data set; `label` picks the profile's label. */
  async restoreProjectData(entries: Entries, label?: string): Promise<RestoredData> {
    const parse = (path: string) => JSON.parse(new TextDecoder().decode(entries[path]));
    const data = decodeData(entries, parse);
    if (!data) throw new Error('the project holds no data');
    if ('columns' in data) {
      resident.table = data;
      const known = label && data.columns.some((c) => c.name === label) ? label : undefined;
      return { kind: 'table', profile: profileTable(data, known), warnings: data.warnings, rows: data.rowCount };
    }
    resident.images = data;
    return { kind: 'images', count: data.labels.length };
  },

  /**
   * Makes a saved model the resident trained model, trained on the resident data as its run was,
   * so Evaluate and Deploy work without retraining. Refused (with the reason) when the data differs.
   */
  async restoreProjectModel(files: ModelFiles, result: TrainResult, fingerprint: string): Promise<RestoredModel> {
    const data = [resident.table, resident.images].find((d) => d && dataFingerprint(d) === fingerprint);
    if (!data) return { ok: false, reason: 'the model was trained on other data than the data saved with the project' };
    let trained: Awaited<ReturnType<typeof trainedFromFiles>>;
    try {
      trained = await trainedFromFiles(files, result, fingerprint);
    } catch (e) {
      if (isKilnError(e)) return { ok: false, reason: e.message }; // e.g. weights that do not match model.json: the data still opens
      throw e;
    }
    if (resident.trained) disposeModel(resident.trained.model);
    releaseDeployed();
    resident.trained = trained;
    resident.trainedOn = data;
    return { ok: true };
  },
};
