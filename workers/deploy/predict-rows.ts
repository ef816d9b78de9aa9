import type { TableModelDoc } from '../../src/core/deploy/model-doc.ts';
import { decodeOutputs, type RowPrediction } from '../../src/core/deploy/predict/decode.ts';
import { encodeChunk, encodeRecords, type EncodedChunk, type RawChunk } from '../../src/core/deploy/predict/encode-chunk.ts';
import type { InputRecord } from '../../src/core/prepare/steps/fit.ts';
import type { Predictor } from './predictor.ts';

/** Per row of a chunk: its prediction, or null with the reason in `errors`. */
export interface ChunkPredictions {
  predictions: (RowPrediction | null)[];
  errors: (string | null)[];
}

/**
 * Encode → network → decode for a chunk of raw table rows: the one path from raw cells to answers.
 *
 * predictChunk(predictor, { columns: ['sepal_length', …], rows: [['5.1', …], ['x', …]] })
 * // → { predictions: [{ prediction: 'setosa', probabilities: [0.97, 0.02, 0.01] }, null],
 * //     errors: [null, "column 'sepal_length': 'x' is not a number"] }
 */
export function predictChunk(predictor: Predictor, chunk: RawChunk): ChunkPredictions {
  return predictEncoded(predictor, encodeChunk(tableDoc(predictor), chunk));
}

/** predictChunk for objects keyed by column name (JSON requests, the prediction form). */
export function predictRecords(predictor: Predictor, records: readonly InputRecord[]): ChunkPredictions {
  return predictEncoded(predictor, encodeRecords(tableDoc(predictor), records));
}

function predictEncoded(predictor: Predictor, chunk: EncodedChunk): ChunkPredictions {
  const outputs = predictor.predict(chunk.features, chunk.encoded.length);
  const decoded = decodeOutputs(predictor.doc, outputs, chunk.encoded.length);
  const predictions: (RowPrediction | null)[] = new Array(chunk.errors.length).fill(null);
  chunk.encoded.forEach((row, i) => (predictions[row] = decoded[i]));
  return { predictions, errors: chunk.errors };
}

function tableDoc(predictor: Predictor): TableModelDoc {
  if (predictor.doc.kind !== 'table') throw new Error('this model takes images, not table rows');
  return predictor.doc;
}
