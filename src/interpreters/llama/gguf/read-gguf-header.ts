import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { GgufProblem } from './gguf-problem.js';
import {
  type GgufScalar,
  type GgufScalarTypeName,
  type GgufValue,
  ggufDefaultAlignment,
  ggufMagic,
  ggufValueTypeName,
} from './gguf-value.js';

/** One tensor's entry in the header. */
export interface GgufTensorInfo {
  readonly name: string;
  /** ggml dimensions, row length first. */
  readonly dims: readonly number[];
  /** The ggml type code (0 is F32). */
  readonly type: number;
  /** Where the data starts, relative to the start of the data section. */
  readonly offset: number;
}

/** Everything before a GGUF file's tensor data. */
export interface GgufHeader {
  readonly version: number;
  /** Metadata in file order. */
  readonly metadata: ReadonlyMap<string, GgufValue>;
  readonly tensors: readonly GgufTensorInfo[];
  /** Where the data section starts, in bytes from the start of the file. */
  readonly dataOffset: number;
  /** The size of the whole file, in bytes. */
  readonly fileSize: number;
}

export type ReadGgufHeaderResult =
  | { readonly ok: true; readonly header: GgufHeader }
  | { readonly ok: false; readonly problem: GgufProblem };

/** Random access to the bytes of a file or of a buffer. */
interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `position`; fewer only at the end. */
  read(position: number, length: number): Uint8Array;
}

class Truncated extends Error {}
class Malformed extends Error {}

const chunkSize = 1 << 20;

/** Reads from a file in 1 MiB chunks, so that a header with a 150,000-token vocabulary is quick to read. */
function fileSource(descriptor: number): ByteSource {
  const size = fstatSync(descriptor).size;
  let chunkStart = 0;
  let chunk = new Uint8Array(0);
  return {
    size,
    read(position, length) {
      if (position < chunkStart || position + length > chunkStart + chunk.length) {
        const buffer = new Uint8Array(Math.max(chunkSize, length));
        const read = readSync(descriptor, buffer, 0, buffer.length, position);
        chunkStart = position;
        chunk = buffer.subarray(0, read);
      }
      return chunk.subarray(position - chunkStart, Math.min(position - chunkStart + length, chunk.length));
    },
  };
}

const bufferSource = (bytes: Uint8Array): ByteSource => ({
  size: bytes.length,
  read: (position, length) => bytes.subarray(position, position + length),
});

/** A little-endian cursor that throws `Truncated` past the end of the source. */
class Cursor {
  position = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(private readonly source: ByteSource) {}

  take(length: number): DataView {
    if (this.position + length > this.source.size) throw new Truncated();
    const bytes = this.source.read(this.position, length);
    if (bytes.length < length) throw new Truncated();
    this.position += length;
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u32(): number {
    return this.take(4).getUint32(0, true);
  }

  /** A u64 count or size: must fit in a safe integer and in what is left of the file. */
  count(minimumItemSize: number): number {
    const value = this.take(8).getBigUint64(0, true);
    if (value * BigInt(minimumItemSize) > BigInt(this.source.size - this.position)) throw new Truncated();
    return Number(value);
  }

  string(): string {
    const length = this.count(1);
    const view = this.take(length);
    return this.decoder.decode(view);
  }

  scalar(type: GgufScalarTypeName): GgufScalar {
    switch (type) {
      case 'uint8':
        return this.take(1).getUint8(0);
      case 'int8':
        return this.take(1).getInt8(0);
      case 'uint16':
        return this.take(2).getUint16(0, true);
      case 'int16':
        return this.take(2).getInt16(0, true);
      case 'uint32':
        return this.take(4).getUint32(0, true);
      case 'int32':
        return this.take(4).getInt32(0, true);
      case 'float32':
        return this.take(4).getFloat32(0, true);
      case 'bool':
        return this.take(1).getUint8(0) !== 0;
      case 'string':
        return this.string();
      case 'uint64':
        return this.take(8).getBigUint64(0, true);
      case 'int64':
        return this.take(8).getBigInt64(0, true);
      case 'float64':
        return this.take(8).getFloat64(0, true);
      default:
        return type satisfies never;
    }
  }

  valueType(): ReturnType<typeof ggufValueTypeName> & string {
    const code = this.u32();
    const name = ggufValueTypeName(code);
    if (name === undefined) throw new Malformed(`unknown value type ${code}`);
    return name;
  }

  value(): GgufValue {
    const type = this.valueType();
    if (type !== 'array') return { type, value: this.scalar(type) } as GgufValue;
    const itemType = this.valueType();
    if (itemType === 'array') throw new Malformed('nested arrays are not supported');
    const count = this.count(minimumSize[itemType]);
    const items: GgufScalar[] = new Array(count);
    for (let index = 0; index < count; index++) items[index] = this.scalar(itemType);
    return { type: 'array', itemType, items };
  }
}

/** The smallest encoding of each type, used to reject impossible counts before allocating. */
const minimumSize: Readonly<Record<GgufScalarTypeName, number>> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  bool: 1,
  string: 8,
  uint64: 8,
  int64: 8,
  float64: 8,
};

const describeStart = (bytes: Uint8Array): string => {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.startsWith('version https://git-lfs')) return 'a Git LFS pointer';
  if (bytes.length === 0) return 'an empty file';
  const printable = [...bytes.subarray(0, 4)].map((byte) =>
    byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.',
  );
  return `a file that starts with \`${printable.join('')}\``;
};

function parseHeader(source: ByteSource, name: string): ReadGgufHeaderResult {
  const cursor = new Cursor(source);
  const start = source.read(0, 64);
  if (start.length < 4 || new TextDecoder().decode(start.subarray(0, 4)) !== ggufMagic) {
    const found = describeStart(start);
    return {
      ok: false,
      problem: {
        code: 'not-gguf',
        message: `${name} is not a GGUF model file (it is ${found})`,
        hint:
          found === 'a Git LFS pointer'
            ? 'fetch the real file with `git lfs pull`'
            : 'llama: interpreters load GGUF files; download a .gguf model or convert one with llama.cpp’s convert_hf_to_gguf.py',
      },
    };
  }
  try {
    cursor.take(4);
    const version = cursor.u32();
    if (version !== 2 && version !== 3) {
      return {
        ok: false,
        problem: {
          code: 'unsupported-version',
          message: `${name} is GGUF version ${version}; llama.cpp loads versions 2 and 3`,
          hint: 'convert the model again with a current llama.cpp (convert_hf_to_gguf.py), which writes version 3',
        },
      };
    }
    const tensorCount = cursor.count(1);
    const keyCount = cursor.count(1);
    const metadata = new Map<string, GgufValue>();
    for (let index = 0; index < keyCount; index++) {
      const key = cursor.string();
      metadata.set(key, cursor.value());
    }
    const tensors: GgufTensorInfo[] = [];
    for (let index = 0; index < tensorCount; index++) {
      const tensorName = cursor.string();
      const dimCount = cursor.u32();
      if (dimCount > 4) throw new Malformed(`tensor ${tensorName} has ${dimCount} dimensions (at most 4)`);
      const dims: number[] = [];
      for (let dim = 0; dim < dimCount; dim++) dims.push(Number(cursor.take(8).getBigUint64(0, true)));
      const type = cursor.u32();
      const offset = Number(cursor.take(8).getBigUint64(0, true));
      tensors.push({ name: tensorName, dims, type, offset });
    }
    const alignmentValue = metadata.get('general.alignment');
    const alignment = alignmentValue?.type === 'uint32' ? alignmentValue.value : ggufDefaultAlignment;
    const dataOffset = Math.ceil(cursor.position / alignment) * alignment;
    return { ok: true, header: { version, metadata, tensors, dataOffset, fileSize: source.size } };
  } catch (error) {
    if (error instanceof Truncated) {
      return {
        ok: false,
        problem: {
          code: 'truncated',
          message: `${name} ends inside its GGUF header (${source.size} bytes): the file is incomplete`,
          hint: 'download or write the file again',
        },
      };
    }
    if (error instanceof Malformed) {
      return {
        ok: false,
        problem: {
          code: 'malformed',
          message: `${name} has a malformed GGUF header: ${error.message}`,
          hint: 'download or convert the model again',
        },
      };
    }
    throw error;
  }
}

/** Reads the header of GGUF bytes in memory. `name` names them in messages. */
export function readGgufHeaderFromBytes(bytes: Uint8Array, name = 'the model'): ReadGgufHeaderResult {
  return parseHeader(bufferSource(bytes), name);
}

/**
 * Reads a GGUF file's header (metadata and tensor infos) without reading its tensor data. Problems, including a
 * missing file, come back as data; `name` is how messages show the file (the path the user gave).
 */
export function readGgufHeader(path: string, name = path): ReadGgufHeaderResult {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem: {
        code: 'unreadable',
        message:
          code === 'ENOENT'
            ? `model file ${name} does not exist`
            : `cannot read model file ${name} (${code ?? (error as Error).message})`,
        hint: code === 'ENOENT' ? 'check the path' : 'check the file’s permissions',
      },
    };
  }
  try {
    if (fstatSync(descriptor).isDirectory()) {
      return {
        ok: false,
        problem: { code: 'unreadable', message: `${name} is a directory, not a model file`, hint: 'name a .gguf file' },
      };
    }
    return parseHeader(fileSource(descriptor), name);
  } finally {
    closeSync(descriptor);
  }
}
