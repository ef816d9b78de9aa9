import { parseCsv } from '../../src/core/collect/csv.ts';
import { profileTable, type TableProfile } from '../../src/core/prepare/profile.ts';
import { requireTable, resident } from '../state.ts';

/** Collect-stage calls the page makes into the worker. */
export const collectApi = {
  /** Parses CSV text and keeps it; returns its profile (class counts for `label` when given). */
  async loadCsv(text: string, source: string, label?: string): Promise<TableProfile> {
    const parsed = parseCsv(text, source); // throws before replacing the data the user already has
    const profile = profileTable(parsed, label);
    resident.table = parsed;
    return profile;
  },

  /** Profiles the loaded table again, e.g. after the user picks another label column. */
  async profile(label?: string): Promise<TableProfile> {
    return profileTable(requireTable(), label);
  },
};
