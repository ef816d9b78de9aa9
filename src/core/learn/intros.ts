import type { LearnContext, LearnStage } from './context.ts';

/** A stage's opening: what the stage is for (two sentences), and an example tied to the data. */
export interface StageIntro {
  /** Two sentences on what this stage of the ML lifecycle is for; may mark glossary terms. */
  what: string;
  /** "Why it matters", with the loaded data's real names and counts; generic when nothing is loaded. */
  why: (c: LearnContext) => string;
}

type Data = NonNullable<LearnContext['data']>;

const unit = (d: Data, n = 2) => (d.kind === 'images' ? (n === 1 ? 'image' : 'images') : n === 1 ? 'row' : 'rows');
const count = (n: number, d: Data) => `${n.toLocaleString('en')} ${unit(d, n)}`;
const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
const classNames = (d: Data) => (d.classes.length <= 4 ? list(d.classes.map((c) => c.name)) : `${d.classes.length} classes`);
const round = (x: number) => Number(x.toPrecision(3));
// Exact counts once a run has split the data; before that the ratios only give an estimate.
const the = (c: LearnContext) => (c.split?.exact ? 'the ' : 'about ');

/** Every stage's intro; a unit test checks each has one and that every marked term is defined. */
export const stageIntros: Record<LearnStage, StageIntro> = {
  goal: {
    what: 'Every machine-learning project starts by saying what the model is for and how you will know it works. You pick a [[metric]] and a target before training, so the results cannot move the goalposts afterwards.',
    why: ({ data: d, goal }) =>
      d
        ? `With ${d.name} loaded, the model will predict ${d.label}${d.classes.length ? ` (${classNames(d)})` : ''}; ${goal.target !== undefined ? `success means ${goal.metric} of ${goal.target} or better on [[test-set|test]] ${unit(d)} it never saw.` : `set a target for ${goal.metric} so Evaluate can say pass or fail.`}`
        : 'A spam filter that catches 99% of spam but hides one real e-mail in ten has failed its users: decide first which mistakes matter, then pick the metric that counts them.',
  },
  collect: {
    what: 'A model can only learn what is in its data: gather [[example|examples]] of every case it will meet, each with the right [[label]]. More, and more varied, examples usually beat a cleverer model.',
    why: ({ data: d }) => {
      if (!d) return 'Load a sample or your own data: a table with one row per example and one column holding the answer, or images in one folder per [[class]].';
      if (d.classes.length === 0) return `${d.name} has ${count(d.count, d)}: the model learns to predict ${d.label} from the other ${d.features} columns, so cases unlike any of them will be guesses.`;
      const fewest = d.classes.reduce((a, b) => (b.count < a.count ? b : a));
      if (d.classes.every((c) => c.count === fewest.count)) return `${d.name} has ${count(d.count, d)}: ${count(fewest.count, d)} for each of its ${d.classes.length} classes, so no [[class]] is starved; one with few examples would be the one the model learns least about.`;
      return `${d.name} has ${count(d.count, d)} in ${d.classes.length} classes; the smallest, ${fewest.name}, has ${count(fewest.count, d)}, and a [[class]] with few examples is the one the model learns least about.`;
    },
  },
  prepare: {
    what: 'Raw data has gaps, categories written as text and numbers on very different scales; preparation turns every [[feature]] into numbers a network can use. Each step is fitted on the training split only, so nothing about the test rows leaks in.',
    why: ({ data: d }) => {
      if (!d) return 'A table of house prices may mix square metres in the hundreds with room counts under ten: [[scaling]] puts them on one footing, and [[one-hot]] turns “city” into numbers.';
      if (d.kind === 'images') return `The ${count(d.count, d)} of ${d.name} are already numbers: each of the ${d.image ? d.image.width * d.image.height * d.image.channels : 'many'} pixel values becomes a number from 0 to 1.`;
      const missing = d.withMissing === 0 ? 'none has a [[missing-value|missing value]]' : `${d.withMissing} ha${d.withMissing === 1 ? 's' : 've'} [[missing-value|missing values]] to fill`;
      const text = d.categorical === 0 ? 'all are numbers' : `${d.categorical} ${d.categorical === 1 ? 'is a category' : 'are categories'} for [[one-hot]]`;
      return `Of the ${d.features} input columns of ${d.name}, ${missing} and ${text}; fitting any of this on all rows would be [[leakage]].`;
    },
  },
  augment: {
    what: '[[augmentation|Augmentation]] shows the model randomly changed copies of each training image (turned, shifted, brighter) in every [[epoch]]. It teaches the model what does not matter, so it learns the shape rather than memorising pixels.',
    why: ({ data: d }) => {
      if (!d) return 'A cat photographed from the left is still a cat from the right, so a flip is a fair change; a mirrored “2” is not a “2”, so for digits it teaches the wrong label.';
      if (d.kind === 'table') return `${d.name} is a table: this stage is for images, so it is skipped.`;
      const per = Math.round(d.count / Math.max(1, d.classes.length));
      return `With about ${count(per, d)} per class in ${d.name}, random turns and shifts make each one count several times, which curbs [[overfitting]]; keep only changes that leave the ${d.label} true.`;
    },
  },
  split: {
    what: 'The data is divided into a [[training-set|training set]] the model learns from, a [[validation-set|validation set]] used to tune and stop training, and a [[test-set|test set]] kept aside. Only the test set tells you how the model will do on data it has never seen.',
    why: (c) => {
      const d = c.data;
      if (!d || !c.split) return 'A student who has seen the exam questions will ace the exam without understanding anything: the test set is the exam the model must never see while it learns.';
      const { test, validation, exact } = c.split;
      return exact
        ? `The ${count(test, d)} set aside from ${d.name} are the exam the model never saw; the ${validation} validation ${unit(d, validation)} are the practice tests that decide when to stop.`
        : `About ${count(test, d)} of ${d.name} will be set aside as the exam the model never sees; about ${validation} validation ${unit(d, validation)} are the practice tests that decide when to stop.`;
    },
  },
  train: {
    what: 'Training shows the model its training examples in small [[batch|batches]] and nudges its [[weights]] to lower the [[loss]] after each one; one pass over all of them is an [[epoch]]. Watch both curves: training loss nearly always falls, validation loss tells you whether it is learning or memorising.',
    why: (c) => {
      const d = c.data;
      const { batchSize, epochs, learningRate } = c.train;
      if (!d || !c.split) return `With batches of ${batchSize}, a data set of 1,000 examples gives ${Math.ceil(1000 / batchSize)} updates per epoch; if validation loss starts rising while training loss falls, the model is [[overfitting]].`;
      const steps = Math.ceil(c.split.train / batchSize);
      return `Each epoch goes through ${the(c)}${count(c.split.train, d)} of ${d.name} in ${steps} batches of ${batchSize}, up to ${epochs} epochs at a [[learning-rate|learning rate]] of ${learningRate}; if validation loss rises while training loss falls, that is [[overfitting]] and [[early-stopping|early stopping]] keeps the best epoch.`;
    },
  },
  evaluate: {
    what: 'Evaluation scores the trained model on the test set it never saw, with the [[metric]] chosen in Goal. A [[confusion-matrix|confusion matrix]], [[precision]] and [[recall]] show which mistakes it makes, not only how many.',
    why: (c) => {
      const d = c.data;
      if (!d || !c.split) return 'A model that says “healthy” for every patient is 95% accurate when 5% are ill, and useless: recall on the ill class shows it.';
      if (c.score === null) return `After training, ${the(c)}${count(c.split.test, d)} of ${d.name} kept for the test are scored here, each exactly once.`;
      const verdict = c.goal.target === undefined ? '' : ` against your target of ${c.goal.target}`;
      const tail = d.classes.length ? 'a class with low recall is one the model often misses.' : 'look at the largest errors to see where it goes wrong.';
      return `On the ${count(c.split.test, d)} of ${d.name} it never saw, ${c.goal.metric} is ${round(c.score)}${verdict}; ${tail}`;
    },
  },
  deploy: {
    what: 'Deployment puts the model to work on new data: one [[prediction]] at a time, a whole file at once, or an [[export]] to run elsewhere. The exported model carries its preparation with it, so new data is prepared exactly as the training data was.',
    why: ({ data: d }) => {
      if (!d) return 'A model on your laptop helps nobody: deployed behind a web page or a server, it answers every new case the same way it answered the test set.';
      if (d.kind === 'images') return `A new ${d.image ? `${d.image.width}×${d.image.height}` : ''} image goes in, and the model answers with its ${d.label} and how sure it is of each of the ${d.classes.length} classes.`;
      return `A new row with the ${d.features} input columns of ${d.name} goes in, and the model answers with its ${d.label}${d.classes.length ? ' and how sure it is of each class' : ''}.`;
    },
  },
  monitor: {
    what: 'After deployment the world changes: new data can [[drift]] away from what the model learned, and its accuracy falls without any error message. Monitoring compares new data with the training [[baseline]] and tells you when [[retraining]] is due.',
    why: ({ data: d }) =>
      d
        ? `If the ${d.name} ${unit(d)} came from one season, place or ${d.kind === 'images' ? 'camera' : 'instrument'}, a batch from another can look different: Monitor compares it with the training ${unit(d)} and flags what moved.`
        : 'A house-price model trained before a boom keeps predicting old prices: nothing crashes, so only monitoring the incoming data notices.',
  },
};
