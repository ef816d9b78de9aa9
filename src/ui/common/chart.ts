import uPlot from 'uplot';

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
  const chart = new uPlot({ ...options, width: width() } as uPlot.Options, data, host);
  const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: options.height }));
  resize.observe(host);
  return {
    chart,
    destroy: () => {
      resize.disconnect();
      chart.destroy();
    },
  };
}

/** Shows the last point in the legend while the cursor is away, so it reads the latest value, not '--'. */
export function showLatest(u: uPlot): void {
  const n = u.data[0].length;
  if (u.cursor.idx == null && n > 0) u.setLegend({ idx: n - 1 });
}
