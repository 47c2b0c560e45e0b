/** What can be wrong with a model file, before llama.cpp sees it. */
export type GgufProblemCode =
  /** The file is missing or cannot be read. */
  | 'unreadable'
  /** The file does not start with `GGUF`. */
  | 'not-gguf'
  /** A GGUF version llama.cpp does not load (it reads 2 and 3). */
  | 'unsupported-version'
  /** The file ends inside its header or its tensor data. */
  | 'truncated'
  /** The header is malformed: an unknown value type, an impossible count. */
  | 'malformed'
  /** A metadata key llama.cpp needs is absent. */
  | 'missing-key'
  /** A metadata key has a type or value llama.cpp cannot use. */
  | 'bad-value';

/** One reason to refuse a model file, with the fix. */
export interface GgufProblem {
  readonly code: GgufProblemCode;
  /** The metadata key concerned, for `missing-key` and `bad-value`. */
  readonly key?: string;
  /** One line saying what is wrong, naming the file. */
  readonly message: string;
  /** What to do about it. */
  readonly hint: string;
}
