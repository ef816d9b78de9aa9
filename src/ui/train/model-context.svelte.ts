import type { ModelContext } from '../../core/train/presets.ts';
import { data } from '../../lib/data.svelte.ts';
import { images } from '../../lib/images.svelte.ts';
import { project } from '../../lib/project.svelte.ts';
import { trackPreparePreview } from '../prepare/preview.svelte.ts';

/** What the layer builder knows of the data: the model's context, or why it is not known yet. */
export interface ModelContextState {
  readonly context: ModelContext | null;
  /** Shown instead of shapes while the context is unknown. */
  readonly waiting: string;
}

/**
 * Follows the loaded data: images give [H, W, C] and their classes at once; a table's encoded
 * width (after prepare steps and one-hot encoding) comes from the worker's prepare preview, the
 * same call the Prepare panel makes. Training rows are estimated from the split ratio (the worker
 * counts them exactly). Call during component set-up.
 */
export function trackModelContext(): ModelContextState {
  const tracked = trackPreparePreview(() => ({ spec: project.spec, key: images.inUse ? null : data.profile }));
  const context = $derived.by((): ModelContext | null => {
    const train = project.spec.split.train;
    const summary = images.summary;
    if (images.inUse && summary) {
      const total = summary.counts.reduce((a, b) => a + b, 0);
      const input = [summary.height, summary.width, summary.channels];
      return { kind: 'images', task: 'classification', input, classes: summary.classes.length, rows: Math.round(total * train) };
    }
    const preview = tracked.preview;
    if (!data.profile || !preview || preview.inputWidth === 0 || !preview.task) return null;
    const label = data.profile.label;
    const classes = label?.name === project.spec.data.label ? (label.classCounts?.length ?? 0) : 0;
    // Unknown classes leave the context unknown: shapes wait, and Train is never blocked on a guess.
    if (preview.task === 'classification' && classes === 0) return null;
    return { kind: 'table', task: preview.task, input: [preview.inputWidth], classes, rows: Math.round(preview.rowsAfter * train) };
  });
  const waiting = $derived(tracked.preview?.error ? `The prepared features are not known: ${tracked.preview.error.message}` : 'Working out the prepared features…');
  return {
    get context() {
      return context;
    },
    get waiting() {
      return waiting;
    },
  };
}
