import { describe, expect, it } from 'vitest';
import { parseModelDoc, parseModelJson } from '../../../../src/core/deploy/predict/model-doc-parse.ts';

// A small but complete table doc, as exportModelFiles writes one.
const good = (): Record<string, any> => ({
  kiln: 1,
  kind: 'table',
  task: 'classification',
  label: 'species',
  classes: ['a', 'b'],
  fields: ['x', 'island'],
  schema: [
    { name: 'x', type: 'numeric', min: 0, max: 9 },
    { name: 'island', type: 'categorical', categories: ['Dream', 'Biscoe'] },
  ],
  inputs: ['x', 'island=Dream', 'island=Biscoe'],
  prepare: [{ op: 'impute', strategy: 'median', fill: { x: 4 }, indicator: false }],
  preprocessor: {
    version: 1,
    features: [
      { kind: 'numeric', name: 'x', fill: 4, mean: 4, std: 2 },
      { kind: 'onehot', name: 'island', categories: ['Dream', 'Biscoe'], fill: 'Dream' },
    ],
    label: { kind: 'classes', name: 'species', classes: ['a', 'b'] },
    width: 3,
  },
  spec: { version: 1 },
});

const parse = (value: unknown) => () => parseModelDoc(typeof value === 'string' ? value : JSON.stringify(value), 'm/preprocessing.json');

describe('parseModelDoc', () => {
  it('accepts a consistent table doc and returns it as is', () => {
    expect(parse(good())()).toEqual(good());
  });

  it('names the file and the field of a malformed or hostile document', () => {
    expect(parse('{"kiln": 1,')).toThrow(/^m\/preprocessing\.json: is not valid JSON/);
    expect(parse([1, 2])).toThrow("m/preprocessing.json: is not a Kiln model description (expected a JSON object with 'kiln' and 'kind')");
    expect(parse({ kind: 'table' })).toThrow("m/preprocessing.json, kiln: must be 1 (is this a Kiln model's preprocessing.json?)");
    expect(parse({ ...good(), kiln: 2 })).toThrow("m/preprocessing.json, kiln: format 2 is not one this Kiln reads (1)");
    expect(parse({ ...good(), kind: 'audio' })).toThrow("m/preprocessing.json, kind: must be 'table' or 'images'");
    const doc = good();
    (doc.preprocessor as { width: unknown }).width = '3';
    expect(parse(doc)).toThrow(/^m\/preprocessing\.json, preprocessor\.width: .*number/);
    const nan = good();
    nan.preprocessor.features[0] = { ...nan.preprocessor.features[0], std: 0 };
    expect(parse(nan)).toThrow('m/preprocessing.json, preprocessor.features.0.std: must not be 0');
    expect(parse({ ...good(), prepare: [{ op: 'rm -rf', columns: [] }] })).toThrow(/preprocessing\.json, prepare\.0\.op: /);
    expect(parse({ ...good(), prepare: [{ op: 'derive', name: 'z', expression: 'x +' }] })).toThrow(/prepare\.0\.expression: /);
  });

  it('refuses parts that disagree with each other', () => {
    expect(parse({ ...good(), classes: ['a', 'c'] })).toThrow('m/preprocessing.json, classes: does not match preprocessor.label.classes');
    expect(parse({ ...good(), fields: ['island', 'x'] })).toThrow('m/preprocessing.json, schema: does not describe the same columns');
    expect(parse({ ...good(), inputs: ['x'] })).toThrow('m/preprocessing.json, inputs: does not match the preprocessor features');
    const wide = good();
    wide.preprocessor.width = 4;
    expect(parse(wide)).toThrow('preprocessor.width: is 4 but the features encode to 3 numbers');
    const reads = good();
    reads.prepare = [{ op: 'impute', strategy: 'median', fill: { y: 4 }, indicator: false }];
    expect(parse(reads)).toThrow("m/preprocessing.json, fields: lacks 'y', which the model reads");
    expect(parse({ ...good(), task: 'regression' })).toThrow("task: is 'regression' but the label encoder has classes");
  });

  it('reads an image doc', () => {
    const image = { kiln: 1, kind: 'images', task: 'classification', width: 8, height: 8, channels: 1, scale: 1 / 255, classes: ['a', 'b'], label: 'class', layout: 'NHWC', spec: {} };
    expect(parse(image)()).toEqual(image);
    expect(parse({ ...image, channels: 4 })).toThrow(/preprocessing\.json, channels: /);
  });
});

describe('parseModelJson', () => {
  it('collects weight specs and files in manifest order', () => {
    const json = { format: 'layers-model', modelTopology: {}, weightsManifest: [{ paths: ['a.bin', 'b.bin'], weights: [{ name: 'k', shape: [2], dtype: 'float32' }] }] };
    expect(parseModelJson(JSON.stringify(json), 'model.json')).toEqual({ modelTopology: {}, weightSpecs: json.weightsManifest[0].weights, weightPaths: ['a.bin', 'b.bin'] });
  });

  it('refuses other formats and weight paths that leave the directory', () => {
    expect(() => parseModelJson('{"format":"graph-model"}', 'model.json')).toThrow("model.json, format: is not a TF.js layers model");
    const escape = { format: 'layers-model', modelTopology: {}, weightsManifest: [{ paths: ['../../etc/passwd'], weights: [] }] };
    expect(() => parseModelJson(JSON.stringify(escape), 'model.json')).toThrow('model.json, weightsManifest.0.paths: must list weight files by plain name');
  });
});
