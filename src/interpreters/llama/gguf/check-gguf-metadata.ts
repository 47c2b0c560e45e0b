import type { GgufProblem } from './gguf-problem.js';
import type { GgufValue } from './gguf-value.js';
import { ggmlTypeSizes } from './gguf-value.js';
import { type GgufHeader, readGgufHeader } from './read-gguf-header.js';

const integerTypes = new Set(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64']);
const floatTypes = new Set(['float32', 'float64']);

const isInteger = (value: GgufValue): boolean =>
  integerTypes.has(value.type) || (value.type === 'array' && integerTypes.has(value.itemType));
const isFloat = (value: GgufValue): boolean =>
  floatTypes.has(value.type) || (value.type === 'array' && floatTypes.has(value.itemType));

/** A positive integer, or an array of integers with one per layer (as some architectures store head counts). */
const isPositiveCount = (value: GgufValue): boolean => {
  if (!isInteger(value)) return false;
  if (value.type === 'array') return value.items.length > 0 && value.items.every((item) => Number(item) >= 0);
  return Number(value.value) > 0;
};

const fix = 'convert the model again with llama.cpp’s convert_hf_to_gguf.py, or use a model from a trusted source';

/**
 * The checks llama.cpp does not do gracefully. Without some of these keys (`feed_forward_length`,
 * `attention.head_count`) it fails an assertion and aborts the whole process instead of returning an error, so
 * every file is checked here before it is loaded. Returns every problem found, in key order; empty means loadable
 * as far as the header can tell.
 */
export function checkGgufMetadata(header: GgufHeader, name: string): GgufProblem[] {
  const problems: GgufProblem[] = [];
  const { metadata } = header;
  const missing = (key: string, why = '') =>
    problems.push({
      code: 'missing-key',
      key,
      message: `${name} lacks the GGUF metadata key \`${key}\`${why}, which llama.cpp needs`,
      hint: fix,
    });
  const bad = (key: string, found: string, wanted: string) =>
    problems.push({
      code: 'bad-value',
      key,
      message: `${name} has \`${key}\` = ${found}, but llama.cpp needs ${wanted}`,
      hint: fix,
    });
  const describe = (value: GgufValue) =>
    value.type === 'array'
      ? `an array of ${value.items.length} ${value.itemType}`
      : `${value.type} ${String(value.value)}`;

  const architectureValue = metadata.get('general.architecture');
  if (architectureValue === undefined) {
    missing('general.architecture');
    return problems;
  }
  if (architectureValue.type !== 'string' || architectureValue.value === '') {
    bad('general.architecture', describe(architectureValue), 'a string such as "llama"');
    return problems;
  }
  const architecture = architectureValue.value;
  for (const suffix of [
    'context_length',
    'embedding_length',
    'block_count',
    'feed_forward_length',
    'attention.head_count',
  ]) {
    const key = `${architecture}.${suffix}`;
    const value = metadata.get(key);
    if (value === undefined) missing(key);
    else if (!isPositiveCount(value)) bad(key, describe(value), 'a positive integer');
  }
  if (architecture === 'llama') {
    const key = 'llama.attention.layer_norm_rms_epsilon';
    const value = metadata.get(key);
    if (value === undefined) missing(key);
    else if (!isFloat(value) || value.type === 'array') bad(key, describe(value), 'a float32');
  }

  const tokenizerModel = metadata.get('tokenizer.ggml.model');
  if (tokenizerModel === undefined) missing('tokenizer.ggml.model');
  else if (tokenizerModel.type !== 'string')
    bad('tokenizer.ggml.model', describe(tokenizerModel), 'a string such as "llama"');
  const tokens = metadata.get('tokenizer.ggml.tokens');
  const noVocabulary = tokenizerModel?.type === 'string' && tokenizerModel.value === 'none';
  let vocabularySize: number | undefined;
  if (tokens === undefined) {
    if (!noVocabulary) missing('tokenizer.ggml.tokens');
  } else if (tokens.type !== 'array' || tokens.itemType !== 'string' || tokens.items.length === 0) {
    bad('tokenizer.ggml.tokens', describe(tokens), 'a non-empty array of strings');
  } else {
    vocabularySize = tokens.items.length;
  }
  if (vocabularySize !== undefined) {
    for (const key of ['tokenizer.ggml.scores', 'tokenizer.ggml.token_type']) {
      const value = metadata.get(key);
      if (value !== undefined && (value.type !== 'array' || value.items.length < vocabularySize)) {
        bad(key, describe(value), `an array with an entry for each of the ${vocabularySize} tokens`);
      }
    }
  }

  // Tensor data past the end of the file: llama.cpp reports this, but only after a slow partial load.
  let dataEnd = header.dataOffset;
  for (const tensor of header.tensors) {
    const size = ggmlTypeSizes[tensor.type];
    if (size === undefined) continue;
    const elements = tensor.dims.reduce((product, dim) => product * dim, 1);
    dataEnd = Math.max(dataEnd, header.dataOffset + tensor.offset + elements * size);
  }
  if (dataEnd > header.fileSize) {
    problems.push({
      code: 'truncated',
      message: `${name} is incomplete: its tensors need ${dataEnd} bytes, the file has ${header.fileSize}`,
      hint: 'download or write the file again',
    });
  }
  return problems;
}

/**
 * Reads a model file's header and checks it, returning the problem to show (one line, with the fix) or undefined
 * when the file looks loadable. Several missing keys are named together.
 */
export function checkGgufFile(path: string, name: string): GgufProblem | undefined {
  const read = readGgufHeader(path, name);
  if (!read.ok) return read.problem;
  const problems = checkGgufMetadata(read.header, name);
  const missing = problems.filter((problem) => problem.code === 'missing-key');
  if (missing.length > 1) {
    const keys = missing.map((problem) => problem.key);
    return {
      code: 'missing-key',
      message: `${name} lacks the GGUF metadata keys ${keys.map((key) => `\`${key}\``).join(', ')}, which llama.cpp needs`,
      hint: fix,
    };
  }
  return problems[0];
}
