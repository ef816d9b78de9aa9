import * as Comlink from 'comlink';
import type { LoadProgress } from '../core/collect/csv-ingest.ts';
import type { CsvLoadOutcome, LoadedTable } from '../core/collect/protocol.ts';
import type { TableProfile } from '../core/prepare/profile.ts';
import type { PrepareStep } from '../core/prepare/steps/schema.ts';
import { staleSteps } from '../core/prepare/steps/stale.ts';
import { switchTrainDefaults } from '../core/train/presets.ts';
import { bridge } from './bridge.ts';
import { project } from './project.svelte.ts';
import { run } from './run.svelte.ts';
import type { Sample } from './samples.ts';

/** A file or download being streamed into the worker. */
export interface LoadingState {
  name: string;
  loaded: number;
  /** Bytes in all; null while unknown (a download without Content-Length). */
  total: number | null;
}

/** The data set loaded in the worker, as the page sees it: its profile and load status. */
class DataState {
  profile = $state<TableProfile | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Notes about the loaded data (renamed or dropped columns, a one-class label), shown under it. */
  warnings = $state<string[]>([]);
  /** Progress of the file or URL being streamed in, while one is. */
  progress = $state<LoadingState | null>(null);
  /** A passing remark, e.g. that a load was cancelled and the previous data is still there. */
  notice = $state<string | null>(null);
  /** The label column the user asked for before loading a file or URL; blank means guess it. */
  requestedLabel = $state('');
  /**
   * The spec's choices taken out because the data just loaded lacks their columns (prepare steps
   * written for another file, a group column), with what to tell the user; null when none.
   */
  setAside = $state<{ prepare: PrepareStep[]; group: string | undefined; message: string } | null>(null);
  #abort: AbortController | null = null;

  /** Puts back what the last load set aside, e.g. when the new file's columns were only renamed. */
  restoreSetAside(): void {
    if (!this.setAside) return;
    project.spec.prepare = this.setAside.prepare;
    project.spec.split = { ...project.spec.split, group: this.setAside.group };
    this.setAside = null;
  }

  /** Loads CSV text into the worker; on failure the previous data set stays loaded. */
  async loadCsv(text: string, source: string, label?: string): Promise<void> {
    this.#start();
    try {
      let loaded: TableProfile = await bridge.api.loadCsv(text, source, label);
      const warnings = (loaded as LoadedTable).warnings ?? [];
      const names = loaded.columns.map((c) => c.name);
      // Without a known label, guess the last column: where most CSVs keep it.
      const chosen = label && names.includes(label) ? label : names[names.length - 1];
      if (chosen !== label) loaded = await bridge.api.profile(chosen);
      this.#keep(loaded, warnings, source);
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /** Streams a picked or dropped file into the worker (it is never read whole on this thread). */
  loadFile(file: File): Promise<void> {
    return this.#stream(file.name, file.size, (api, label, onProgress) => api.loadCsvFile(file, { label }, onProgress));
  }

  /** Downloads a CSV in the worker: any http(s) URL the browser may read, or one relative to the app. */
  loadUrl(url: string): Promise<void> {
    let absolute = url.trim();
    try {
      absolute = new URL(absolute, location.href).href;
    } catch {
      // not a URL at all: the worker says so
    }
    return this.#stream(absolute, null, (api, label, onProgress) => api.loadCsvUrl(absolute, { label }, onProgress));
  }

  /** Asks the worker to stop the running load; the data loaded before stays. */
  cancel(): void {
    this.#abort?.abort();
  }

  async loadSample(sample: Sample): Promise<void> {
    this.loading = true;
    const response = await fetch(sample.file).catch(() => null);
    if (!response?.ok) {
      this.loading = false;
      this.error = `Could not read the bundled sample ${sample.file}`;
      return;
    }
    await this.loadCsv(await response.text(), sample.file, sample.label);
  }

  async setLabel(label: string): Promise<void> {
    project.spec.data = { ...project.spec.data, label };
    this.profile = await bridge.api.profile(label);
  }

  async #stream(
    name: string,
    total: number | null,
    call: (api: typeof bridge.api, label: string | undefined, onProgress: (e: LoadProgress) => void) => Promise<CsvLoadOutcome>,
  ): Promise<void> {
    this.#start();
    this.progress = { name, loaded: 0, total };
    const abort = new AbortController();
    this.#abort = abort;
    const onProgress = Comlink.proxy((e: LoadProgress) => {
      if (this.progress) this.progress = { name, loaded: e.loaded, total: e.total };
    });
    try {
      const label = this.requestedLabel.trim() || undefined;
      const outcome = await bridge.cancellable(abort.signal, (api) => call(api, label, onProgress));
      if (outcome.status === 'cancelled') {
        this.notice = `Stopped loading ${name}.` + (this.profile ? ` ${this.profile.source} is still loaded.` : '');
        return;
      }
      const { status: _, warnings, ...profile } = outcome;
      this.#keep(profile, warnings, name);
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
      this.progress = null;
      this.#abort = null;
    }
  }

  #start(): void {
    this.loading = true;
    this.error = null;
    this.notice = null;
  }

  /** Shows a loaded table; `source` goes into the spec (a file's name, or the whole URL). */
  #keep(profile: TableProfile, warnings: string[], source: string): void {
    this.profile = profile;
    this.warnings = warnings;
    const label = profile.label?.name ?? profile.columns[profile.columns.length - 1].name;
    project.spec.data = { ...project.spec.data, source, label, kind: 'table', features: undefined };
    project.spec.train = switchTrainDefaults(project.spec.train, 'table'); // a CNN's default rate back to the table's
    this.#setAsideStale(profile);
    run.reset();
  }

  /** Takes out the prepare steps and group column that name columns `profile` does not have, saying which. */
  #setAsideStale(profile: TableProfile): void {
    const columns = profile.columns.map((c) => c.name);
    const { prepare, split } = project.spec;
    const stale = staleSteps(prepare, columns);
    const staleGroup = split.group !== undefined && !columns.includes(split.group);
    this.setAside = null;
    if (stale.length === 0 && !staleGroup) return;
    const missing = [...new Set([...stale.flatMap((s) => s.missing), ...(staleGroup ? [split.group!] : [])])];
    const shown = missing.slice(0, 4).map((c) => `'${c}'`).join(', ') + (missing.length > 4 ? ` and ${missing.length - 4} more` : '');
    const removed = [
      stale.length > 0 ? `${stale.length} prepare step${stale.length === 1 ? '' : 's'}` : '',
      staleGroup ? `the group column '${split.group}'` : '',
    ].filter(Boolean);
    this.setAside = {
      prepare,
      group: split.group,
      message: `Set aside ${removed.join(' and ')} written for other data: ${profile.source} has no column${missing.length === 1 ? '' : 's'} ${shown}.`,
    };
    const dropped = new Set(stale.map((s) => s.index));
    project.spec.prepare = prepare.filter((_, i) => !dropped.has(i));
    if (staleGroup) project.spec.split = { ...split, group: undefined };
  }
}

export const data = new DataState();
