/** One line of a chart: its name and a value per x (null where it has none). */
export interface SummaryLine {
  name: string;
  values: readonly (number | null | undefined)[];
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString());

/**
 * The sentence a screen reader hears in place of a line chart (WCAG 1.1.1): where each line starts,
 * ends and is best (or, with no `better`, lowest and highest), so the chart's story is there without the picture.
 *
 * lineSummary('Loss', 'epoch', [1, 2, 3], [{ name: 'train', values: [0.9, 0.5, 0.4] }], 'lower')
 * // → 'Loss over 3 epochs: train from 0.9 to 0.4, lowest 0.4 at epoch 3.'
 */
export function lineSummary(title: string, xName: string, xs: readonly number[], lines: readonly SummaryLine[], better?: 'lower' | 'higher'): string {
  const parts: string[] = [];
  for (const line of lines) {
    const points = xs.map((x, i) => [x, line.values[i]] as const).filter((p): p is readonly [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
    if (points.length === 0) continue;
    const lowest = points.reduce((a, b) => (b[1] < a[1] ? b : a));
    const highest = points.reduce((a, b) => (b[1] > a[1] ? b : a));
    const extremes = [better !== 'higher' && `lowest ${fmt(lowest[1])} at ${xName} ${fmt(lowest[0])}`, better !== 'lower' && `highest ${fmt(highest[1])} at ${xName} ${fmt(highest[0])}`];
    parts.push(`${line.name} from ${fmt(points[0][1])} to ${fmt(points[points.length - 1][1])}, ${extremes.filter(Boolean).join(', ')}`);
  }
  if (xs.length === 0 || parts.length === 0) return `${title}: no ${xName}s yet.`;
  return `${title} over ${xs.length} ${xName}${xs.length === 1 ? '' : 's'}: ${parts.join('; ')}.`;
}

/** Which way is better for a metric named in a chart's title: loss and errors go down, scores go up. */
export function betterFor(title: string): 'lower' | 'higher' | undefined {
  if (/loss|error|rmse|mae|mape|ece/i.test(title)) return 'lower';
  if (/accuracy|f1|auc|precision|recall|r²|kappa|mcc/i.test(title)) return 'higher';
  return undefined;
}
