import {
  type GgufScalar,
  type GgufScalarTypeName,
  type GgufValue,
  ggmlTypes,
  ggufDefaultAlignment,
  ggufMagic,
  ggufValueTypes,
} from './gguf-value.js';

/** One tensor to write, in float32. */
export interface GgufTensorSpec {
  /** The name llama.cpp looks it up by, such as `blk.0.attn_q.weight`. */
  readonly name: string;
  /** ggml dimensions, row length first: a PyTorch `Linear(in, out)` weight is `[in, out]`. */
  readonly dims: readonly number[];
  /** The elements, row after row; exactly the product of `dims` of them. */
  readonly data: Float32Array;
}

/** Everything a GGUF file holds. */
export interface GgufFileSpec {
  /** The format version; 3 unless a test needs another. */
  readonly version?: number;
  /** Metadata in the order it is written. `general.alignment` (uint32), when present, sets the data alignment. */
  readonly metadata: Readonly<Record<string, GgufValue>>;
  readonly tensors: readonly GgufTensorSpec[];
}

/** Appends little-endian values to a growing list of chunks. */
class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  bytes(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  private fixed(size: number, write: (view: DataView) => void): void {
    const bytes = new Uint8Array(size);
    write(new DataView(bytes.buffer));
    this.bytes(bytes);
  }

  u32(value: number): void {
    this.fixed(4, (view) => view.setUint32(0, value, true));
  }

  u64(value: number | bigint): void {
    this.fixed(8, (view) => view.setBigUint64(0, BigInt(value), true));
  }

  string(value: string): void {
    const encoded = new TextEncoder().encode(value);
    this.u64(encoded.length);
    this.bytes(encoded);
  }

  padTo(alignment: number): void {
    const padding = (alignment - (this.length % alignment)) % alignment;
    if (padding > 0) this.bytes(new Uint8Array(padding));
  }

  scalar(type: GgufScalarTypeName, value: GgufScalar): void {
    switch (type) {
      case 'uint8':
        this.fixed(1, (view) => view.setUint8(0, Number(value)));
        break;
      case 'int8':
        this.fixed(1, (view) => view.setInt8(0, Number(value)));
        break;
      case 'uint16':
        this.fixed(2, (view) => view.setUint16(0, Number(value), true));
        break;
      case 'int16':
        this.fixed(2, (view) => view.setInt16(0, Number(value), true));
        break;
      case 'uint32':
        this.fixed(4, (view) => view.setUint32(0, Number(value), true));
        break;
      case 'int32':
        this.fixed(4, (view) => view.setInt32(0, Number(value), true));
        break;
      case 'float32':
        this.fixed(4, (view) => view.setFloat32(0, Number(value), true));
        break;
      case 'bool':
        this.fixed(1, (view) => view.setUint8(0, value ? 1 : 0));
        break;
      case 'string':
        this.string(String(value));
        break;
      case 'uint64':
        this.fixed(8, (view) => view.setBigUint64(0, BigInt(value), true));
        break;
      case 'int64':
        this.fixed(8, (view) => view.setBigInt64(0, BigInt(value), true));
        break;
      case 'float64':
        this.fixed(8, (view) => view.setFloat64(0, Number(value), true));
        break;
      default:
        throw new Error(`unknown GGUF value type ${type satisfies never}`);
    }
  }

  value(value: GgufValue): void {
    this.u32(ggufValueTypes[value.type]);
    if (value.type === 'array') {
      this.u32(ggufValueTypes[value.itemType]);
      this.u64(value.items.length);
      for (const item of value.items) this.scalar(value.itemType, item);
    } else {
      this.scalar(value.type, value.value);
    }
  }

  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

const alignmentOf = (spec: GgufFileSpec): number => {
  const alignment = spec.metadata['general.alignment'];
  return alignment?.type === 'uint32' ? alignment.value : ggufDefaultAlignment;
};

/**
 * Encodes a GGUF file (version 3 by default): the header, the metadata, the tensor infos, padding to the
 * alignment, then each tensor's float32 data padded to the alignment, with contiguous offsets. Throws on a
 * tensor whose data does not match its dimensions: that is a bug in the caller, not user input.
 */
export function writeGguf(spec: GgufFileSpec): Uint8Array {
  const alignment = alignmentOf(spec);
  const writer = new ByteWriter();
  writer.bytes(new TextEncoder().encode(ggufMagic));
  writer.u32(spec.version ?? 3);
  writer.u64(spec.tensors.length);
  writer.u64(Object.keys(spec.metadata).length);
  for (const [key, value] of Object.entries(spec.metadata)) {
    writer.string(key);
    writer.value(value);
  }
  let offset = 0;
  for (const tensor of spec.tensors) {
    const elements = tensor.dims.reduce((product, dim) => product * dim, 1);
    if (elements !== tensor.data.length) {
      throw new Error(
        `tensor ${tensor.name}: dims ${tensor.dims.join('×')} need ${elements} values, got ${tensor.data.length}`,
      );
    }
    writer.string(tensor.name);
    writer.u32(tensor.dims.length);
    for (const dim of tensor.dims) writer.u64(dim);
    writer.u32(ggmlTypes.f32);
    writer.u64(offset);
    offset += Math.ceil(tensor.data.byteLength / alignment) * alignment;
  }
  writer.padTo(alignment);
  for (const tensor of spec.tensors) {
    // Copy so that a view into a larger buffer writes only its own bytes, in little-endian order.
    const bytes = new Uint8Array(tensor.data.length * 4);
    const view = new DataView(bytes.buffer);
    for (let index = 0; index < tensor.data.length; index++)
      view.setFloat32(index * 4, tensor.data[index] as number, true);
    writer.bytes(bytes);
    writer.padTo(alignment);
  }
  return writer.concat();
}
