import { tableFromRecords } from '../../../src/core/collect/csv.ts';
import type { Table } from '../../../src/core/collect/table.ts';
import { tableBaseline, type Baseline } from '../../../src/core/monitor/index.ts';
import { createRng, type Rng } from '../../../src/core/split/random.ts';

/** Shifts applied to a synthetic batch: `age` moves by this many years, `colour` loses its red rows. */
export interface Shift {
  age?: number;
  colour?: boolean;
}

const COLOURS: [string, number][] = [
  ['red', 0.5],
  ['blue', 0.3],
  ['green', 0.15],
  ['purple', 0.05],
];

function normal(rng: Rng): number {
  // Box–Muller; 1 − u keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function pick(rng: Rng, options: [string, number][]): string {
  let u = rng();
  for (const [v, p] of options) if ((u -= p) < 0) return v;
  return options[options.length - 1][0];
}

/** The model the synthetic data is labelled and "predicted" by: high score or old age → 'yes'. */
export function rule(score: number, age: number): string {
  return score + (age - 40) / 40 > 0.6 ? 'yes' : 'no';
}

/**
 * `n` rows of a mixed table: age (whole numbers ~ N(40, 10)), income (log-normal), score
 * (uniform), colour (four categories, 50/30/15/5%), flag (0/1 at 30%) and the label y.
 */
export function records(n: number, seed: number, shift: Shift = {}): Record<string, string>[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const age = Math.round(40 + 10 * normal(rng) + (shift.age ?? 0));
    const score = rng();
    const colours = shift.colour ? COLOURS.filter(([c]) => c !== 'red').map(([c, p]): [string, number] => [c, p / 0.5]) : COLOURS;
    return {
      age: String(age),
      income: (Math.exp(10 + 0.5 * normal(rng)) / 1000).toFixed(3),
      score: score.toFixed(4),
      colour: pick(rng, colours),
      flag: rng() < 0.3 ? '1' : '0',
      y: rule(score, age),
    };
  });
}

export const FIELDS = ['age', 'income', 'score', 'colour', 'flag'];

/** A table of `n` synthetic rows. */
export function syntheticTable(n: number, seed: number, shift: Shift = {}, source = 'batch.csv'): Table {
  return tableFromRecords(records(n, seed, shift), source);
}

/** The model's "predictions" for a table's rows: the rule itself, as a perfect model would give. */
export function predict(table: Table): string[] {
  const col = (name: string) => table.columns.find((c) => c.name === name)!;
  const score = col('score');
  const age = col('age');
  return Array.from({ length: table.rowCount }, (_, i) =>
    score.type === 'numeric' && age.type === 'numeric' ? rule(score.values[i], age.values[i]) : 'no',
  );
}

/** A baseline of 2000 training rows (seed 1000) and 500 test rows (seed 2000), accuracy 0.92 against a 0.9 goal. */
export function syntheticBaseline(): Baseline {
  const train = syntheticTable(2000, 1000, {}, 'train.csv');
  const test = syntheticTable(500, 2000, {}, 'test.csv');
  return tableBaseline({
    table: train,
    rows: Array.from({ length: train.rowCount }, (_, i) => i),
    fields: FIELDS,
    label: 'y',
    task: 'classification',
    classes: ['no', 'yes'],
    predictions: predict(test),
    metric: { name: 'accuracy', value: 0.92, target: 0.9 },
  });
}
