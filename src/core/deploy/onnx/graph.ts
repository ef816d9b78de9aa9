import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = InstanceType<typeof onnx.TensorProto>;

/** The opset every Kiln export declares; every converter emits ops as this version defines them. */
export const OPSET = 13;

/** A node attribute, tagged by its ONNX type so 1.0 (float) and 1 (int) never get confused. */
export type Attr = { f: number } | { i: number } | { ints: number[] } | { floats: number[] } | { s: string };

/** One graph input or output: float32, a leading batch dimension (-1 = symbolic `batch`), then fixed sizes. */
export interface ValueInfo {
  name: string;
  /** -1 stands for the dynamic batch dimension. */
  dims: number[];
}

/**
 * An ONNX graph under construction: nodes in topological order, constants as initializers,
 * names made unique. Converters call `op` and `constant` and pass the returned names on.
 *
 * const g = new OnnxGraph();
 * const y = g.op('Add', ['x', g.constant('one', [1], [])]); // → 'add_0'
 */
export class OnnxGraph {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  #used = new Map<string, number>();

  /** A value name not used before, made from `stem` (letters, digits and _ only). */
  name(stem: string): string {
    const clean = stem.replace(/[^A-Za-z0-9_]/g, '_') || 'v';
    const n = this.#used.get(clean) ?? 0;
    this.#used.set(clean, n + 1);
    return `${clean}_${n}`;
  }

  /** A float32 constant of shape `dims` ([] for a scalar); returns its name. */
  constant(stem: string, values: ArrayLike<number>, dims: number[]): string {
    return this.#initializer(stem, onnx.TensorProto.DataType.FLOAT, dims, new Uint8Array(Float32Array.from(values).buffer));
  }

  /** An int64 constant (shapes, axes, indices); returns its name. */
  int64(stem: string, values: readonly number[], dims: number[] = [values.length]): string {
    return this.#initializer(stem, onnx.TensorProto.DataType.INT64, dims, new Uint8Array(BigInt64Array.from(values, BigInt).buffer));
  }

  /** Appends a node with one output and returns the output's name. */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, stem = opType.toLowerCase()): string {
    return this.ops(opType, inputs, 1, attrs, stem)[0];
  }

  /** Appends a node with `outputs` outputs and returns their names. */
  ops(opType: string, inputs: string[], outputs: number, attrs: Record<string, Attr> = {}, stem = opType.toLowerCase()): string[] {
    const names = Array.from({ length: outputs }, () => this.name(stem));
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: inputs,
        output: names,
        name: this.name(`${stem}_node`),
        attribute: Object.entries(attrs).map(([name, a]) => attribute(name, a)),
      }),
    );
    return names;
  }

  #initializer(stem: string, dataType: number, dims: number[], rawData: Uint8Array): string {
    const name = this.name(stem);
    this.initializers.push(onnx.TensorProto.create({ name, dataType, dims, rawData }));
    return name;
  }
}

/**
 * Serialises the graph as an ONNX model (IR 7, opset 13) with one float32 input and one float32
 * output, renaming nothing: `input.name` and `output.name` must be the names the nodes use.
 */
export function encodeModel(graph: OnnxGraph, io: { input: ValueInfo; output: ValueInfo; name: string; docString?: string }): Uint8Array {
  const model = onnx.ModelProto.create({
    // IR 7 is what opset 13 was released with; onnxruntime reads every IR up to its own.
    irVersion: 7,
    producerName: 'kiln',
    producerVersion: '1',
    docString: io.docString ?? '',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    graph: onnx.GraphProto.create({
      name: io.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo(io.input)],
      output: [valueInfo(io.output)],
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}

function valueInfo(v: ValueInfo) {
  return onnx.ValueInfoProto.create({
    name: v.name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: onnx.TensorShapeProto.create({
          dim: v.dims.map((d) => onnx.TensorShapeProto.Dimension.create(d < 0 ? { dimParam: 'batch' } : { dimValue: d })),
        }),
      }),
    }),
  });
}

function attribute(name: string, a: Attr) {
  const T = onnx.AttributeProto.AttributeType;
  if ('f' in a) return onnx.AttributeProto.create({ name, type: T.FLOAT, f: a.f });
  if ('i' in a) return onnx.AttributeProto.create({ name, type: T.INT, i: a.i });
  if ('ints' in a) return onnx.AttributeProto.create({ name, type: T.INTS, ints: a.ints });
  if ('floats' in a) return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: a.floats });
  return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(a.s) });
}
