/** A word the stages use, with the sentence that explains it to a newcomer. */
export interface GlossaryEntry {
  /** The word as shown, e.g. "epoch". */
  term: string;
  /** One or two plain sentences; no jargon that is not itself in the glossary. */
  definition: string;
}

/**
 * Every term Learn mode can explain inline, by id. Intro texts mark a term as `[[id]]` or
 * `[[id|shown words]]`; a unit test checks that every marked id is here.
 */
export const glossary = {
  example: { term: 'example', definition: 'One case the model learns from: a row of a table, or one image, with its answer.' },
  feature: { term: 'feature', definition: 'An input the model reads to make its prediction, such as a petal’s length or one pixel’s brightness.' },
  label: { term: 'label', definition: 'The answer the model must learn to predict for each example, such as the species or the digit.' },
  class: { term: 'class', definition: 'One of the possible answers when the label is a category, such as “setosa” or the digit 7.' },
  metric: { term: 'metric', definition: 'A number that scores the model’s predictions against the true answers, such as accuracy or RMSE.' },
  accuracy: { term: 'accuracy', definition: 'The share of examples the model gets right: 0.9 means 9 out of 10.' },
  precision: { term: 'precision', definition: 'Of the examples the model put in a class, the share that really belong there. Low precision means many false alarms.' },
  recall: { term: 'recall', definition: 'Of the examples that really belong to a class, the share the model found. Low recall means many misses.' },
  'confusion-matrix': { term: 'confusion matrix', definition: 'A table counting, for each true class, which class the model predicted; the diagonal holds the correct answers.' },
  'training-set': { term: 'training set', definition: 'The examples the model learns from; its weights are adjusted to fit them.' },
  'validation-set': { term: 'validation set', definition: 'Examples held back from learning and checked after every epoch, to choose settings and to decide when to stop.' },
  'test-set': { term: 'test set', definition: 'Examples kept aside until the end and used once, to estimate how the model does on data it has never seen.' },
  weights: { term: 'weights', definition: 'The numbers inside the model that training adjusts; together they are what the model has learned.' },
  loss: { term: 'loss', definition: 'A number measuring how wrong the model’s predictions are on a batch; training changes the weights to make it smaller.' },
  epoch: { term: 'epoch', definition: 'One full pass over every training example. Training usually takes many epochs.' },
  batch: { term: 'batch', definition: 'A small group of examples the model looks at before each update of its weights.' },
  'learning-rate': { term: 'learning rate', definition: 'How big each weight update is. Too high and the loss jumps around or explodes; too low and learning crawls.' },
  overfitting: { term: 'overfitting', definition: 'When a model memorises its training examples instead of learning the pattern: training loss keeps falling while validation loss rises.' },
  'early-stopping': { term: 'early stopping', definition: 'Ending training once the validation loss has stopped improving, and keeping the best weights seen.' },
  augmentation: { term: 'augmentation', definition: 'Randomly changing training images (turning, shifting, brightening) so the model sees more variety than the data set holds.' },
  scaling: { term: 'scaling', definition: 'Putting numeric features on similar ranges (e.g. mean 0, spread 1) so no feature dominates just because its numbers are large.' },
  'one-hot': { term: 'one-hot encoding', definition: 'Turning a category into several 0/1 columns, one per value, so a network can read it as numbers.' },
  'missing-value': { term: 'missing value', definition: 'A blank cell. It must be filled in (imputed) or the row dropped before a network can use it.' },
  leakage: { term: 'data leakage', definition: 'When information from the test examples sneaks into training, so the scores look better than the model really is.' },
  cnn: { term: 'convolutional network', definition: 'A network for images that slides small filters over the picture, so a pattern is recognised wherever it appears.' },
  filter: { term: 'filter', definition: 'A small grid of weights a convolutional layer slides over an image; it responds strongly where the image matches its pattern, such as an edge.' },
  'feature-map': { term: 'feature map', definition: 'The image a filter produces: bright where its pattern was found in the input, dark where it was not.' },
  threshold: { term: 'threshold', definition: 'For a yes/no decision, the probability above which the model answers “yes”.' },
  prediction: { term: 'prediction', definition: 'The model’s answer for one example, often with how sure it is of each class.' },
  export: { term: 'export', definition: 'Saving the trained model in a file format other programs can load and run.' },
  drift: { term: 'drift', definition: 'When the data a deployed model meets changes from the data it was trained on, so its predictions quietly get worse.' },
  baseline: { term: 'baseline', definition: 'A record of what the training data looked like (ranges, averages, class shares) that new data is compared with.' },
  retraining: { term: 'retraining', definition: 'Training the model again on newer data once it has drifted too far.' },
} satisfies Record<string, GlossaryEntry>;

/** The id of a glossary entry, e.g. 'epoch' or 'test-set'. */
export type TermId = keyof typeof glossary;

/** True when `id` names a glossary entry. */
export function isTermId(id: string): id is TermId {
  return Object.hasOwn(glossary, id);
}
