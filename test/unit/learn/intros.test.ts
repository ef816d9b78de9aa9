import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateSplit, learnStages, type LearnContext } from '../../../src/core/learn/context.ts';
import { glossary } from '../../../src/core/learn/glossary.ts';
import { stageIntros } from '../../../src/core/learn/intros.ts';
import { markedTerms, plainText, segments } from '../../../src/core/learn/markup.ts';
import { stages } from '../../../src/lib/stages.ts';

const empty: LearnContext = { data: null, split: null, goal: { metric: 'Accuracy', objective: '' }, train: { epochs: 200, batchSize: 16, learningRate: 0.005 }, score: null };
const irisData = { name: 'iris.csv', kind: 'table' as const, count: 150, label: 'species', classes: [{ name: 'setosa', count: 50 }, { name: 'versicolor', count: 50 }, { name: 'virginica', count: 49 }], features: 4, withMissing: 0, categorical: 0 };
const iris: LearnContext = { ...empty, data: irisData, split: { train: 105, validation: 23, test: 22, exact: true }, goal: { metric: 'Accuracy', target: 0.9, objective: '' }, score: 0.954545 };
const digits: LearnContext = {
  ...empty,
  data: { name: 'digits.zip', kind: 'images', count: 3000, label: 'class', classes: Array.from({ length: 10 }, (_, i) => ({ name: String(i), count: 300 })), features: 0, withMissing: 0, categorical: 0, image: { width: 28, height: 28, channels: 1 } },
  split: estimateSplit(3000, { train: 0.7, validation: 0.15, test: 0.15 }),
};
const cars: LearnContext = { ...empty, data: { ...irisData, name: 'cars.csv', count: 406, label: 'Miles_per_Gallon', classes: [], features: 7, withMissing: 2, categorical: 1 }, split: null };
const contexts = { empty, iris, digits, cars };

describe('stage intros', () => {
  it('has one for each of the nine stages the app shows, in its order', () => {
    expect(learnStages).toEqual(stages.map((s) => s.id));
    expect(Object.keys(stageIntros).sort()).toEqual([...learnStages].sort());
  });

  it.each(learnStages)('%s explains itself in two sentences and gives an example for any data', (stage) => {
    const what = plainText(stageIntros[stage].what);
    expect(what.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length).toBe(2);
    for (const [name, c] of Object.entries(contexts)) {
      const why = plainText(stageIntros[stage].why(c));
      expect(why.length, `${stage} / ${name}`).toBeGreaterThan(40);
      expect(why, `${stage} / ${name}`).not.toMatch(/undefined|NaN|null|\[\[|\]\]/);
    }
  });

  it('ties the examples to the loaded data with its real names and counts', () => {
    const why = (stage: keyof typeof stageIntros, c: LearnContext) => plainText(stageIntros[stage].why(c));
    expect(why('split', iris)).toBe('The 22 rows set aside from iris.csv are the exam the model never saw; the 23 validation rows are the practice tests that decide when to stop.');
    expect(why('split', digits)).toBe('About 450 images of digits.zip will be set aside as the exam the model never sees; about 450 validation images are the practice tests that decide when to stop.');
    expect(why('collect', iris)).toContain('the smallest, virginica, has 49 rows');
    expect(why('collect', digits)).toBe('digits.zip has 3,000 images: 300 images for each of its 10 classes, so no class is starved; one with few examples would be the one the model learns least about.');
    expect(why('train', iris)).toContain('105 rows of iris.csv in 7 batches of 16');
    expect(why('evaluate', iris)).toBe('On the 22 rows of iris.csv it never saw, Accuracy is 0.955 against your target of 0.9; a class with low recall is one the model often misses.');
    expect(why('prepare', cars)).toBe('Of the 7 input columns of cars.csv, 2 have missing values to fill and 1 is a category for one-hot encoding; fitting any of this on all rows would be data leakage.');
    expect(why('prepare', digits)).toContain('each of the 784 pixel values');
    expect(why('goal', empty)).toMatch(/^A spam filter/);
  });
});

describe('glossary', () => {
  const intros = learnStages.flatMap((s) => [stageIntros[s].what, ...Object.values(contexts).map((c) => stageIntros[s].why(c))]);

  it('defines every term the intros mark', () => {
    const used = new Set(intros.flatMap(markedTerms));
    expect([...used].filter((id) => !(id in glossary))).toEqual([]);
    for (const t of ['epoch', 'loss', 'overfitting', 'precision', 'recall', 'drift']) expect(used).toContain(t);
  });

  it('defines every term a component shows with <Term id="…">', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []));
    const ids = files('src/ui').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<Term\s+id="([^"]+)"/g)].map((m) => m[1]));
    expect(ids.filter((id) => !(id in glossary))).toEqual([]);
  });

  it('gives every entry a sentence, ends it with a full stop, and keeps terms unique', () => {
    for (const [id, e] of Object.entries(glossary)) {
      expect(e.definition, id).toMatch(/^[A-Z].{20,200}\.$/);
      expect(e.term.length, id).toBeGreaterThan(1);
    }
    const terms = Object.values(glossary).map((e) => e.term);
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('segments', () => {
  it('splits marked terms out with their shown words, and leaves unknown ids as text', () => {
    expect(segments('One [[epoch]] per [[batch|batches]] and [[nope]].')).toEqual([
      { text: 'One ' },
      { text: 'epoch', term: 'epoch' },
      { text: ' per ' },
      { text: 'batches', term: 'batch' },
      { text: ' and ' },
      { text: 'nope' },
      { text: '.' },
    ]);
    expect(segments('')).toEqual([]);
    expect(plainText('[[test-set|test]] rows')).toBe('test rows');
  });

  it('estimates split sizes that add up to the count', () => {
    expect(estimateSplit(150, { train: 0.7, validation: 0.15, test: 0.15 })).toEqual({ train: 105, validation: 23, test: 22, exact: false });
    expect(estimateSplit(7, { train: 1, validation: 0, test: 0 })).toEqual({ train: 7, validation: 0, test: 0, exact: false });
  });
});
