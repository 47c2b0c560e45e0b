/**
 * The value types of GGUF metadata, with their numeric codes as written in the file (`enum gguf_type` in
 * llama.cpp's `ggml/include/gguf.h`).
 */
export const ggufValueTypes = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

/** The name of a GGUF value type, such as `uint32` or `string`. */
export type GgufValueTypeName = keyof typeof ggufValueTypes;

/** The type of a scalar value or of an array's items (GGUF has no nested arrays in practice). */
export type GgufScalarTypeName = Exclude<GgufValueTypeName, 'array'>;

/** One scalar: numbers for the 8 to 32-bit and float types, bigint for the 64-bit integers. */
export type GgufScalar = number | bigint | boolean | string;

/** One metadata value with its type, so that a writer knows how to encode it and a reader says what it found. */
export type GgufValue =
  | { readonly type: Exclude<GgufScalarTypeName, 'bool' | 'string' | 'uint64' | 'int64'>; readonly value: number }
  | { readonly type: 'uint64' | 'int64'; readonly value: bigint }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'array'; readonly itemType: GgufScalarTypeName; readonly items: readonly GgufScalar[] };

/** Tensor element types this project writes or sizes (`enum ggml_type`): only the plain float ones. */
export const ggmlTypes = { f32: 0, f16: 1 } as const;

/** Bytes per element of the ggml types whose size is known here, by code. */
export const ggmlTypeSizes: Readonly<Record<number, number>> = { 0: 4, 1: 2 };

/** The file's first four bytes. */
export const ggufMagic = 'GGUF';

/** The default alignment of tensor data, unless `general.alignment` says otherwise. */
export const ggufDefaultAlignment = 32;

/** Finds the name of a value type code, or undefined for a code this reader does not know. */
export function ggufValueTypeName(code: number): GgufValueTypeName | undefined {
  return (Object.keys(ggufValueTypes) as GgufValueTypeName[]).find((name) => ggufValueTypes[name] === code);
}
