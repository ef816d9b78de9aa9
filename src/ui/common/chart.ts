import uPlot from 'uplot';
import { betterFor, lineSummary } from './chart-summary.ts';

/**
 * Labels a chart's host with a sentence about its lines after each setData, unless the component
 * labelled it itself: a canvas says nothing to a screen reader. The title is the figure's caption.
 */
function describe(host: HTMLElement, xName: string): (u: uPlot) => void {
  return (u) => {
    const title = host.closest('figure')?.querySelector('figcaption')?.textContent?.trim() || 'Chart';
    const xs = u.data[0] as number[];
    const lines = u.series.slice(1).map((s, i) => ({ name: String(s.label ?? `line ${i + 1}`), values: u.data[i + 1] as (number | null)[] }));
    host.setAttribute('aria-label', lineSummary(title, xName, xs, lines, betterFor(title)));
  };
}

/**
 * Creates a uPlot chart in `host` that follows the host's width, and returns it with the cleanup
 * an `$effect` should return.
 */
export function responsiveChart(
  host: HTMLElement,
  options: Omit<uPlot.Options, 'width'>,
  data: uPlot.AlignedData,
  minWidth: number,
): { chart: uPlot; destroy: () => void } {
  const width = () => Math.max(minWidth, host.clientWidth);
  const height = () => Math.round(options.height * presenterScale());
  const hooks = { ...options.hooks };
  const label = host.hasAttribute('aria-label') ? null : describe(host, String(options.axes?.[0]?.label ?? options.series[0]?.label ?? 'point'));
  if (label) {
    host.setAttribute('role', 'img');
    hooks.setData = [...(hooks.setData ?? []), label];
  }
  // Axis text is drawn on the canvas, so presenter mode's larger type is set here (charts are made anew per stage).
  const big = presenterScale() > 1;
  const axes = big ? (options.axes ?? [{}, {}]).map((a) => ({ ...a, font: '16px system-ui, sans-serif', labelFont: 'bold 16px system-ui, sans-serif', size: 60 })) : options.axes;
  const chart = new uPlot({ ...options, axes, hooks, width: width(), height: height() } as uPlot.Options, data, host);
  label?.(chart);
  const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: height() }));
  resize.observe(host);
  return {
    chart,
    destroy: () => {
      resize.disconnect();
      chart.destroy();
    },
  };
}

/** Presenter mode (a class on <html>, see src/ui/learn/presenter.svelte.ts) draws charts taller for a projector. */
function presenterScale(): number {
  return document.documentElement.classList.contains('presenter') ? 1.6 : 1;
}

/** Shows the last point in the legend while the cursor is away, so it reads the latest value, not '--'. */
export function showLatest(u: uPlot): void {
  const n = u.data[0].length;
  if (u.cursor.idx == null && n > 0) u.setLegend({ idx: n - 1 });
}
