/**
 * Bounds a .kiln file must stay within, checked from the zip's directory before anything is
 * inflated, so a hostile file (a zip bomb, a million entries) is refused without being unpacked.
 */
export const projectLimits: ProjectLimits = {
  /** Entries in the zip: manifest, spec, runs, a few data files and a model directory. */
  maxEntries: 10_000,
  /** Uncompressed bytes of one entry (a model's weights, a column, an image set's pixels). */
  maxEntryBytes: 1024 * 1024 * 1024,
  /** Uncompressed bytes of the whole project. */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  /** Uncompressed ÷ compressed bytes for one entry: deflate cannot pass ~1032, so more is a lie. */
  maxRatio: 1100,
  /** JSON documents (manifest, spec, runs, data headers) are small; refuse big ones before parsing. */
  maxJsonBytes: 64 * 1024 * 1024,
};

/** The bounds checked when reading a .kiln file (tests pass smaller ones). */
export interface ProjectLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  maxJsonBytes: number;
}
