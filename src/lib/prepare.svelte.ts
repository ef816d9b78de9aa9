import type { CorrelationMatrix } from '../core/prepare/correlation.ts';
import type { TableProfile } from '../core/prepare/profile.ts';
import { bridge } from './bridge.ts';

/**
 * What the Prepare panel shows about the loaded data: the detailed profile (quantiles,
 * histograms, samples) and the correlation matrix, both computed in the worker. Keyed on the
 * basic profile data.svelte.ts holds, which is replaced whenever the data or the label changes.
 */
class ExploreState {
  profile = $state<TableProfile | null>(null);
  correlation = $state<CorrelationMatrix | null>(null);
  error = $state<string | null>(null);
  #key: TableProfile | null = null;

  /** Fetches both for `basic` (with the class balance of its label) unless already fetched; an answer for older data is dropped. */
  async refresh(basic: TableProfile): Promise<void> {
    if (this.#key === basic) return;
    this.#key = basic;
    // Never show charts of the previous data next to the new table.
    Object.assign(this, { profile: null, correlation: null, error: null });
    try {
      const [profile, correlation] = await Promise.all([bridge.api.profileDetail(basic.label?.name), bridge.api.correlation()]);
      if (this.#key !== basic) return;
      this.profile = profile;
      this.correlation = correlation;
    } catch (e) {
      if (this.#key === basic) this.error = `Could not profile the data: ${(e as Error).message}`;
    }
  }
}

export const explore = new ExploreState();
