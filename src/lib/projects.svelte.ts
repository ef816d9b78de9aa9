import { isKilnError } from '../core/errors.ts';
import type { Entries } from '../core/project/data-codec.ts';
import { recordRun } from '../core/project/run-record.ts';
import { specFromHash } from '../core/project/share-link.ts';
import type { PipelineSpec } from '../core/spec/schema.ts';
import { defaultSpec } from '../core/spec/validate.ts';
import { bridge, plain } from './bridge.ts';
import { sessionRuns } from './compare-runs.svelte.ts';
import { data } from './data.svelte.ts';
import { images } from './images.svelte.ts';
import { monitor } from './monitor.svelte.ts';
import { project } from './project.svelte.ts';
import { applyProject, ensureIdle } from './projects-restore.ts';
import { recovery } from './recovery.svelte.ts';
import { samples } from './samples.ts';
import * as store from './storage.ts';

/** Parsed data above this is not autosaved: copying it for IndexedDB could exhaust the tab's memory. */
const maxSavedData = 512 * 1024 * 1024;

type Status = 'starting' | 'saving' | 'saved' | 'error' | 'unavailable';

/**
 * The user's named projects, autosaved to IndexedDB: the spec as it changes, the data after each
 * load, and the model and run history after each run. One transaction per save, so a full disk
 * leaves the last good save in place; the error says what to do.
 */
class Projects {
  list = $state.raw<store.StoredProject[]>([]);
  current = $state.raw<store.StoredProject | null>(null);
  status = $state<Status>('starting');
  /** The last save's or restore's problem, in words. */
  error = $state<string | null>(null);
  /** A remark about the last restore, e.g. that the model was not put back. */
  note = $state<string | null>(null);
  savedAt = $state<Date | null>(null);
  storage = $state.raw<Awaited<ReturnType<typeof store.storageStatus>> | null>(null);
  /** Milliseconds the last restore took, for the status line and tests. */
  restoreMs = $state<number | null>(null);
  /** Milliseconds the last save took (reading the worker's data or model included when it had to). */
  saveMs = $state<number | null>(null);
  /** Changes when another project is put on the page: the stage panel remounts so no form keeps old values. */
  generation = $state(0);
  #queue: Promise<void> = Promise.resolve();
  #dataMarker: unknown = null;
  #unsaved: { id: string; blobs: store.SavedBlobs } | null = null;
  /** The model history as last saved or restored (JSON of its list), and whether the project holds one. */
  #historyKey = '';
  #hasHistory = false;

  /** Opens the project of a shared link, or the last project, or a first one; asks for persistent storage. */
  async init(): Promise<void> {
    try {
      // The page starts from localStorage's copy of the spec; edits made while IndexedDB opens are kept.
      const initial = JSON.stringify(project.spec);
      const shared = this.#sharedSpec();
      this.storage = await store.storageStatus(true);
      const last = await store.lastProjectId();
      const stored = last ? await store.getProject(last) : undefined;
      if (shared) await this.create('Shared configuration', shared, true);
      else if (stored) {
        const same = JSON.stringify(stored.spec) === initial;
        await this.#apply(same ? { ...stored, spec: plain(project.spec) } : stored, await store.getBlobs(stored.id), !same);
      }
      else await this.#adopt('My first project');
      this.status = 'saved';
    } catch (e) {
      this.status = 'unavailable';
      this.error = `Projects cannot be saved in this browser (${(e as Error).message}); export .kiln files to keep your work.`;
    }
    this.list = await store.listProjects().catch(() => []);
  }

  /** Starts a new project with `spec` (the default iris setup if none); `loadSample` loads the bundled data it names. */
  async create(name = 'Untitled project', spec: PipelineSpec = defaultSpec('data/iris.csv', 'species'), loadSample = false): Promise<void> {
    ensureIdle();
    const now = new Date().toISOString();
    const fresh: store.StoredProject = { id: crypto.randomUUID(), name, createdAt: now, updatedAt: now, spec, runs: [], dataBytes: 0, modelBytes: 0, modelFingerprint: '' };
    await store.saveProject(fresh);
    await this.#apply(fresh, {});
    const sample = samples.find((s) => s.file === spec.data.source);
    if (loadSample && sample) {
      if (sample.kind === 'table') await data.loadSample(sample);
      else await images.loadSample(sample);
    }
  }

  /** A first visit: what the page holds now (whatever was loaded or trained meanwhile) becomes a new project. */
  async #adopt(name: string): Promise<void> {
    const now = new Date().toISOString();
    this.current = { id: crypto.randomUUID(), name, createdAt: now, updatedAt: now, spec: plain(project.spec), runs: [], dataBytes: 0, modelBytes: 0, modelFingerprint: '' };
    await this.save();
    await this.dataChanged(data.profile ?? images.summary);
    await this.runsChanged();
  }

  /** Opens a saved project: spec, data, run history and model come back. */
  async open(id: string): Promise<void> {
    ensureIdle();
    const stored = await store.getProject(id);
    if (!stored) throw new Error('that project no longer exists');
    await this.#apply(stored, await store.getBlobs(id));
  }

  async rename(id: string, name: string): Promise<void> {
    const stored = id === this.current?.id ? this.current : await store.getProject(id);
    if (!stored || !name.trim()) return;
    const renamed = { ...stored, name: name.trim().slice(0, 200) };
    if (id === this.current?.id) this.current = renamed;
    await this.#save(renamed, {});
  }

  /** Copies a project with its data, model and runs under a new name, and opens the copy. */
  async duplicate(id: string): Promise<void> {
    ensureIdle();
    await this.#queue;
    const stored = await store.getProject(id);
    if (!stored) return;
    const now = new Date().toISOString();
    const copy = { ...stored, id: crypto.randomUUID(), name: `${stored.name} (copy)`, createdAt: now, updatedAt: now };
    const blobs = await store.getBlobs(id);
    await store.saveProject(copy, blobs);
    await this.open(copy.id);
  }

  /** Deletes a project; deleting the open one opens the next, or starts a new one. */
  async remove(id: string): Promise<void> {
    if (id === this.current?.id) ensureIdle();
    await this.#queue;
    await store.deleteProject(id);
    if (id === this.current?.id) {
      const next = (await store.listProjects())[0];
      if (next) await this.open(next.id);
      else await this.create();
    }
    await this.#refresh();
  }

  /** Saves the open project (queued after any save in flight); `blobs` as in storage.saveProject. */
  save(blobs: store.SavedBlobs = {}): Promise<void> {
    if (!this.current) return Promise.resolve();
    return this.#save(this.current, blobs);
  }

  /** Waits for the saves in flight. */
  flush(): Promise<void> {
    return this.#queue;
  }

  /** A saved project put on the page; autosave skips what was just restored. */
  async #apply(stored: store.StoredProject, blobs: { data?: Entries; model?: Entries; history?: Entries }, remount = true): Promise<void> {
    ensureIdle(); // before anything changes: a refused open leaves the page as it was
    const started = performance.now();
    if (remount) this.generation++;
    this.current = stored;
    this.note = null;
    this.error = null;
    const outcome = await applyProject(stored, blobs);
    this.#historyKey = JSON.stringify(monitor.savedModels()); // what was just restored is not saved again
    this.#hasHistory = !!blobs.history;
    this.#dataMarker = data.profile ?? images.summary;
    if (outcome.data) void recovery.check(stored.id); // a run this project left mid-way is offered back
    this.note = outcome.note;
    this.restoreMs = Math.round(performance.now() - started);
    await this.#save(stored, {}); // marks it as the last opened
  }

  #save(stored: store.StoredProject, blobs: store.SavedBlobs): Promise<void> {
    const next = this.#queue.then(async () => {
      this.status = 'saving';
      // Blobs a failed save could not write go again with the next save, until one succeeds.
      if (this.#unsaved?.id === stored.id) blobs = { ...this.#unsaved.blobs, ...blobs };
      const latest = { ...(stored.id === this.current?.id ? this.current : stored), updatedAt: new Date().toISOString() };
      if (blobs.data !== undefined) latest.dataBytes = store.entriesBytes(blobs.data);
      if (blobs.model !== undefined) latest.modelBytes = store.entriesBytes(blobs.model);
      try {
        await store.saveProject(latest, blobs);
        if (latest.id === this.current?.id) this.current = latest;
        this.#unsaved = null;
        Object.assign(this, { status: 'saved', error: null, savedAt: new Date() });
      } catch (e) {
        if (blobs.data !== undefined || blobs.model !== undefined || blobs.history !== undefined) this.#unsaved = { id: stored.id, blobs };
        Object.assign(this, { status: 'error', error: isKilnError(e) ? e.message : `Saving failed: ${(e as Error).message}` });
      }
      await this.#refresh();
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  async #refresh(): Promise<void> {
    this.list = await store.listProjects().catch(() => this.list);
    this.storage = await store.storageStatus(false).catch(() => this.storage);
  }

  /** The spec a "share configuration" link carries, if the page was opened with one; the hash is then cleared. */
  #sharedSpec(): PipelineSpec | null {
    try {
      const spec = specFromHash(location.hash);
      if (spec) history.replaceState(null, '', location.pathname + location.search);
      return spec;
    } catch (e) {
      history.replaceState(null, '', location.pathname + location.search);
      this.note = (e as Error).message;
      return null;
    }
  }

  // --- autosave, driven by effects below ---

  /** Saves the spec when it differs from the saved one. */
  specChanged(spec: PipelineSpec): void {
    const current = this.current;
    if (!current || JSON.stringify(spec) === JSON.stringify(current.spec)) return;
    this.current = { ...current, spec };
    void this.save();
  }

  /** Saves the worker's data after a load (not after a restore). */
  async dataChanged(marker: unknown): Promise<void> {
    if (!marker || marker === this.#dataMarker || !this.current) return;
    this.#dataMarker = marker;
    const started = performance.now();
    const got = await bridge.api.projectData(project.spec.data.kind, maxSavedData).catch(() => null);
    if (got && 'tooBig' in got) {
      this.note = `This data (${Math.round(got.tooBig / 1024 / 1024)} MB parsed) is too big to keep in the browser (limit ${maxSavedData / 1024 / 1024} MB): the project keeps its settings, model and runs; load the file again after a reload.`;
      await this.save({ data: null });
    } else await this.save({ data: got?.entries ?? null });
    this.saveMs = Math.round(performance.now() - started);
  }

  /** Saves the Monitor's model history (kept models' files, with the live one) after a promotion or a roll back; a new Train run drops it. */
  async historyChanged(): Promise<void> {
    const models = monitor.savedModels();
    const key = JSON.stringify(models);
    if (!this.current || key === this.#historyKey) return;
    this.#historyKey = key;
    if (models.length < 2 && !this.#hasHistory) return;
    const entries = models.length < 2 ? null : await bridge.api.modelHistory(models).catch(() => undefined);
    if (entries === undefined) return; // the worker is gone: the next change saves
    this.#hasHistory = entries !== null;
    await this.save({ history: entries });
  }

  /** Records runs the project has not saved yet, with the model the worker now holds. */
  async runsChanged(): Promise<void> {
    const current = this.current;
    if (!current) return;
    const known = new Set(current.runs.map((r) => r.id));
    const added = sessionRuns.runs.filter((r) => !known.has(r.id));
    if (added.length === 0) return;
    const records = added.map((r) => recordRun(r.id, r.label, r.result, r.info));
    const model = await bridge.api.projectModel().catch(() => null);
    this.current = { ...current, runs: [...current.runs, ...records], modelFingerprint: model?.fingerprint ?? '' };
    await this.save({ model: model?.files ?? null });
  }
}

export const projects = new Projects();

$effect.root(() => {
  $effect(() => {
    const spec = $state.snapshot(project.spec) as PipelineSpec;
    const timer = setTimeout(() => projects.specChanged(spec), 400);
    return () => clearTimeout(timer);
  });
  $effect(() => {
    const marker = data.profile ?? images.summary;
    if (!data.loading && !images.loading) void projects.dataChanged(marker);
  });
  $effect(() => {
    if (sessionRuns.runs.length) void projects.runsChanged();
  });
  $effect(() => {
    void monitor.models;
    // After the current task: a project being opened first records the history it restored.
    const timer = setTimeout(() => void projects.historyChanged(), 0);
    return () => clearTimeout(timer);
  });
});
