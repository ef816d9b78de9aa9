import onnxProto from 'onnx-proto';
import type { OnnxGraph } from '../graph.ts';

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;

/**
 * One column while the steps are compiled: a [batch, 1] float64 graph value. A categorical
 * column holds an index into `vocab` (the texts it can take), -1 for a text outside it and NaN
 * when missing; numeric columns hold the number, NaN when missing.
 */
export type Col = { kind: 'numeric'; value: string } | { kind: 'categorical'; value: string; vocab: string[] };

/** The table as the steps see it: column name → graph value. Order does not matter: the output is assembled by name. */
export type Cols = Map<string, Col>;

/**
 * The preparation graph's helpers over an OnnxGraph. Everything runs in float64, as the
 * JavaScript steps do, so bin edges, comparisons and fills decide exactly as they do in Kiln;
 * the encoded features are rounded to float32 once, at the end, like encodeFeatures does.
 *
 * const p = new PrepGraph(g, 'input');
 * p.where(p.isNaN(x), p.num(0), x) // → 'where_0', x with missing values set to 0
 */
export class PrepGraph {
  #constants = new Map<string, string>();
  #batchShape: string | undefined;

  constructor(
    readonly g: OnnxGraph,
    /** Any graph value whose first dimension is the batch. */
    readonly batchSource: string,
  ) {}

  /** Appends one node (see OnnxGraph.op). */
  op(opType: string, inputs: string[], attrs: Parameters<OnnxGraph['op']>[2] = {}): string {
    return this.g.op(opType, inputs, attrs);
  }

  /** A float64 scalar constant, shared by every use of the same value. */
  num(v: number): string {
    const key = Object.is(v, -0) ? '-0' : String(v);
    let name = this.#constants.get(key);
    if (!name) this.#constants.set(key, (name = this.doubles('c', [v], [])));
    return name;
  }

  /** A float64 constant of shape `dims`. */
  doubles(stem: string, values: readonly number[], dims: number[] = [values.length]): string {
    const name = this.g.name(stem);
    const rawData = new Uint8Array(Float64Array.from(values).buffer);
    this.g.initializers.push(onnx.TensorProto.create({ name, dataType: T.DOUBLE, dims, rawData }));
    return name;
  }

  /** `x` cast to float64 (from a bool, a float32 or an int). */
  toDouble(x: string): string {
    return this.op('Cast', [x], { to: { i: T.DOUBLE } });
  }

  /** `x` cast to float32. */
  toFloat(x: string): string {
    return this.op('Cast', [x], { to: { i: T.FLOAT } });
  }

  /** A bool value: true where `x` is NaN (missing). */
  isNaN(x: string): string {
    return this.op('IsNaN', [x]);
  }

  /** `a` where `cond` holds, else `b`, broadcasting scalars to [batch, 1]. */
  where(cond: string, a: string, b: string): string {
    return this.op('Where', [cond, a, b]);
  }

  /** 1 where `x` is missing (NaN), else 0. */
  missingFlag(x: string): string {
    return this.toDouble(this.isNaN(x));
  }

  /** ±Infinity becomes NaN, as every Kiln step does with a result that is not a finite number. */
  finite(x: string): string {
    return this.where(this.op('IsInf', [x]), this.num(NaN), x);
  }

  /**
   * NaN wherever any of `inputs` is NaN, else `y`: ONNX comparisons read NaN as false, and Max,
   * Min and Pow treat it differently from JavaScript, so a missing input is kept missing explicitly.
   */
  keepMissing(y: string, inputs: readonly string[]): string {
    const cond = inputs.map((x) => this.isNaN(x)).reduce((a, b) => this.op('Or', [a, b]));
    return this.where(cond, this.num(NaN), y);
  }

  /** A [batch, 1] value holding `v` in every row. */
  full(v: number): string {
    return this.op('Expand', [this.num(v), this.#shape()]);
  }

  /**
   * Maps a categorical index to `table[index]`, -1 to `unseen` and NaN to `missing`.
   * `x` must hold only NaN, -1 or 0..table.length-1 (see normaliseIndex).
   */
  lookup(x: string, table: readonly number[], unseen: number, missing: number): string {
    const n = table.length;
    const index = this.where(this.isNaN(x), this.num(n + 1), this.where(this.op('Less', [x, this.num(0)]), this.num(n), x));
    const values = this.doubles('lookup', [...table, unseen, missing]);
    return this.op('Gather', [values, this.op('Cast', [index], { to: { i: T.INT64 } })]);
  }

  /** A caller's category index made safe: anything but NaN or a whole number in 0..size-1 is unseen (-1). */
  normaliseIndex(x: string, size: number): string {
    const whole = this.op('Equal', [this.op('Floor', [x]), x]);
    const inRange = this.op('And', [this.op('GreaterOrEqual', [x, this.num(0)]), this.op('Less', [x, this.num(size)])]);
    const valid = this.where(this.op('And', [whole, inRange]), x, this.num(-1));
    return this.where(this.isNaN(x), this.num(NaN), valid);
  }

  /** [batch, 1] as an int64 shape, for Expand. */
  #shape(): string {
    if (!this.#batchShape) {
      const batch = this.op('Gather', [this.op('Shape', [this.batchSource]), this.g.int64('zero', [0])]);
      this.#batchShape = this.op('Concat', [batch, this.g.int64('one', [1])], { axis: { i: 0 } });
    }
    return this.#batchShape;
  }
}
