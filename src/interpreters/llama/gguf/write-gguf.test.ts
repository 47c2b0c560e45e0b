import { describe, expect, it } from 'vitest';
import type { GgufValue } from './gguf-value.js';
import { readGgufHeaderFromBytes } from './read-gguf-header.js';
import { buildTinyModel, pleaseModel, yesModel } from './tiny-models.js';
import { writeGguf } from './write-gguf.js';

const everyType: Record<string, GgufValue> = {
  'test.uint8': { type: 'uint8', value: 255 },
  'test.int8': { type: 'int8', value: -128 },
  'test.uint16': { type: 'uint16', value: 65535 },
  'test.int16': { type: 'int16', value: -32768 },
  'test.uint32': { type: 'uint32', value: 4294967295 },
  'test.int32': { type: 'int32', value: -2147483648 },
  'test.float32': { type: 'float32', value: 0.5 },
  'test.bool': { type: 'bool', value: true },
  'test.string': { type: 'string', value: 'héllo ▁wörld' },
  'test.uint64': { type: 'uint64', value: 2n ** 64n - 1n },
  'test.int64': { type: 'int64', value: -(2n ** 63n) },
  'test.float64': { type: 'float64', value: Math.PI },
  'test.strings': { type: 'array', itemType: 'string', items: ['<unk>', '', '▁a'] },
  'test.floats': { type: 'array', itemType: 'float32', items: [1, -2.5, 0] },
  'test.empty': { type: 'array', itemType: 'int32', items: [] },
};

/** The values as float32 storage gives them back. */
const asFloat32 = (metadata: Readonly<Record<string, GgufValue>>) =>
  Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => {
      if (value.type === 'float32') return [key, { ...value, value: Math.fround(value.value) }];
      if (value.type === 'array' && value.itemType === 'float32') {
        return [key, { ...value, items: value.items.map((item) => Math.fround(item as number)) }];
      }
      return [key, value];
    }),
  );

describe('writeGguf', () => {
  it('writes the magic, version 3 and the counts, little-endian', () => {
    const bytes = writeGguf({ metadata: { a: { type: 'uint32', value: 1 } }, tensors: [] });
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('GGUF');
    expect(view.getUint32(4, true)).toBe(3);
    expect(view.getBigUint64(8, true)).toBe(0n);
    expect(view.getBigUint64(16, true)).toBe(1n);
  });

  it('round-trips every value type through the header reader, in order', () => {
    const read = readGgufHeaderFromBytes(writeGguf({ metadata: everyType, tensors: [] }));
    if (!read.ok) throw new Error(read.problem.message);
    expect([...read.header.metadata.keys()]).toEqual(Object.keys(everyType));
    expect(Object.fromEntries(read.header.metadata)).toEqual(everyType);
    expect(read.header.version).toBe(3);
  });

  it('pads tensor infos and each tensor to 32 bytes, with contiguous offsets and the data in place', () => {
    const a = Float32Array.from([1, 2, 3]);
    const b = Float32Array.from({ length: 12 }, (_, index) => index / 4);
    const bytes = writeGguf({
      metadata: { 'general.name': { type: 'string', value: 'x' } },
      tensors: [
        { name: 'a', dims: [3], data: a },
        { name: 'b', dims: [4, 3], data: b },
      ],
    });
    const read = readGgufHeaderFromBytes(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const { tensors, dataOffset } = read.header;
    expect(dataOffset % 32).toBe(0);
    expect(tensors).toEqual([
      { name: 'a', dims: [3], type: 0, offset: 0 },
      { name: 'b', dims: [4, 3], type: 0, offset: 32 },
    ]);
    expect(bytes.length).toBe(dataOffset + 32 + 64);
    const floats = (offset: number, count: number) =>
      Array.from({ length: count }, (_, index) =>
        new DataView(bytes.buffer).getFloat32(dataOffset + offset + index * 4, true),
      );
    expect(floats(0, 3)).toEqual([...a]);
    expect(floats(32, 12)).toEqual([...b]);
  });

  it('refuses a tensor whose data does not match its dimensions', () => {
    expect(() =>
      writeGguf({ metadata: {}, tensors: [{ name: 'w', dims: [2, 2], data: new Float32Array(3) }] }),
    ).toThrow(/need 4 values, got 3/);
  });

  it('round-trips the tiny models: metadata, tensor shapes and a llama layout', () => {
    for (const design of [yesModel(0.75), pleaseModel()]) {
      const spec = buildTinyModel(design);
      const read = readGgufHeaderFromBytes(writeGguf(spec));
      if (!read.ok) throw new Error(read.problem.message);
      expect(Object.fromEntries(read.header.metadata)).toEqual(asFloat32(spec.metadata));
      expect(read.header.tensors.map(({ name, dims }) => ({ name, dims }))).toEqual(
        spec.tensors.map(({ name, dims }) => ({ name, dims })),
      );
      expect(read.header.metadata.get('general.architecture')).toEqual({ type: 'string', value: 'llama' });
    }
  });
});
