import type { TableProfile } from '../core/prepare/profile.ts';
import { bridge } from './bridge.ts';
import { project } from './project.svelte.ts';
import { run } from './run.svelte.ts';
import type { Sample } from './samples.ts';

/** The data set loaded in the worker, as the page sees it: its profile and load status. */
class DataState {
  profile = $state<TableProfile | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  /** Loads CSV text into the worker; on failure the previous data set stays loaded. */
  async loadCsv(text: string, source: string, label?: string): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      let profile = await bridge.api.loadCsv(text, source, label);
      const names = profile.columns.map((c) => c.name);
      // Without a known label, guess the last column: where most CSVs keep it.
      const chosen = label && names.includes(label) ? label : names[names.length - 1];
      if (chosen !== label) profile = await bridge.api.profile(chosen);
      this.profile = profile;
      project.spec.data = { ...project.spec.data, source, label: chosen, kind: 'table', features: undefined };
      run.reset();
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
    }
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
}

export const data = new DataState();
