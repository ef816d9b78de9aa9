/** Penguins-like rows for the prediction benchmarks; no Node or DOM here, so the page uses it too. */

/** The model's raw input columns, without the label, as a user's new data would come. */
export const predictHeader = 'island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex';

const islands = ['Biscoe', 'Dream', 'Torgersen'];
const sexes = ['male', 'female'];

/**
 * The CSV of `rows` data rows as text blocks of at most 5,000 lines, header first, from a
 * fixed-seed generator: Node and the page build byte-identical files. About 3% of each cell is
 * missing, 1 row in 1,000 has an island the model never saw, 1 in 10,000 text in a number column.
 *
 * [...predictCsvBlocks(2)].join('') // → 'island,bill_length_mm,…\nDream,44.1,17.3,197,4125,female\n…'
 */
export function* predictCsvBlocks(rows: number): Generator<string> {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cell = (text: string) => (rand() < 0.03 ? '' : text);
  yield predictHeader + '\n';
  for (let done = 0; done < rows; ) {
    const lines: string[] = [];
    for (const end = Math.min(rows, done + 5000); done < end; done++) {
      const r = rand();
      const island = r < 0.001 ? 'Mars' : islands[Math.floor(rand() * islands.length)];
      const bill = rand() < 0.0001 ? 'long' : (35 + rand() * 20).toFixed(1);
      lines.push(
        `${cell(island)},${cell(bill)},${cell((13 + rand() * 8).toFixed(1))},${cell(String(175 + Math.floor(rand() * 50)))},` +
          `${cell(String(2800 + Math.floor(rand() * 3500)))},${cell(sexes[Math.floor(rand() * 2)])}`,
      );
    }
    yield lines.join('\n') + '\n';
  }
}

/** The first `n` generated data rows as records keyed by column, for single-row predictions. */
export function predictRecordsSample(n: number): Record<string, string>[] {
  const fields = predictHeader.split(',');
  const lines = [...predictCsvBlocks(n)].join('').trimEnd().split('\n').slice(1);
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, c) => [fields[c], v])));
}

/** The model both benchmarks use: a small MLP on penguins, 5 epochs on the CPU backend. */
export const predictSpec = {
  version: 1,
  data: { source: 'penguins.csv', label: 'species' },
  model: { hidden: [16], activation: 'relu' },
  train: { epochs: 5 },
  backend: 'cpu',
} as const;

/** Median and 99th percentile of a list of milliseconds, rounded to µs. */
export function latencyStats(ms: number[]): { p50ms: number; p99ms: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 1000) / 1000;
  return { p50ms: at(0.5), p99ms: at(0.99) };
}
