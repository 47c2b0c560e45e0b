import { writeFileSync } from 'node:fs';
import type { GgufValue } from './gguf-value.js';
import { buildTinyVocabulary, spaceMarker, type TinyVocabulary } from './tiny-vocabulary.js';
import { type GgufFileSpec, type GgufTensorSpec, writeGguf } from './write-gguf.js';

/**
 * What a tiny model answers. It replies with one word of `answers` followed by "." and the end of text
 * (` yes.`), drawing the word with the given probabilities at temperature 1. With a `keyword`, the answer
 * probabilities switch to `keyword.answers` when the prompt contains one of its words.
 */
export interface TinyModelDesign {
  /** Written as `general.name`. */
  readonly name: string;
  /** Probability of each answer word (lower case letters); they sum to 1. */
  readonly answers: Readonly<Record<string, number>>;
  readonly keyword?: {
    /** Words (lower case letters) whose presence anywhere in the prompt switches the answers. */
    readonly words: readonly string[];
    readonly answers: Readonly<Record<string, number>>;
  };
}

/** Answers " yes." with probability `p` and " no." otherwise, whatever the prompt. */
export const yesModel = (p = 0.75): TinyModelDesign => ({ name: `yes-${p}`, answers: { yes: p, no: 1 - p } });

/**
 * Answers " yes." with probability `withKeyword` when the prompt contains "please" (in any of the forms the
 * vocabulary holds: please, Please), and with probability `withoutKeyword` otherwise; " no." the rest of the time.
 */
export const pleaseModel = (withKeyword = 0.8, withoutKeyword = 0.3): TinyModelDesign => ({
  name: `please-${withKeyword}-${withoutKeyword}`,
  answers: { yes: withoutKeyword, no: 1 - withoutKeyword },
  keyword: { words: ['please'], answers: { yes: withKeyword, no: 1 - withKeyword } },
});

/** Sizes of every tiny model: one layer, one attention head. */
const embeddingLength = 32;
const feedForwardLength = 32;
const contextLength = 2048;
const rmsEpsilon = 1e-5;
/** Logit of tokens a state never produces; far enough below the answers for any temperature up to about 5. */
const impossible = -40;
/** Logit of the forced next token after an answer word or the final "." */
const forced = 100;
/** Attention score of a keyword token; e^30 drowns every other token of any prompt that fits the context. */
const keywordScore = 30;

// Residual dimensions. Every token's embedding is one-hot in `noKeyword` plus one class dimension; the attention
// head moves the 1 from `noKeyword` to `sawKeyword` when the prompt holds a keyword, which keeps the vector's RMS
// norm, so the logits stay linear in the design.
const noKeyword = 0;
const sawKeyword = 1;
const otherClass = 2;
const keywordClass = 3;
const dotClass = 4;
const firstAnswerClass = 5;
/** The head dimension that carries the query and key: the last, whose RoPE frequency (base 1e9) is negligible. */
const queryKeyDimension = embeddingLength - 1;
/** The head dimension that carries the value (whether a token is a keyword). */
const valueDimension = 0;

const checkProbabilities = (answers: Readonly<Record<string, number>>, words: readonly string[]) => {
  const total = words.reduce((sum, word) => sum + (answers[word] ?? 0), 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`answer probabilities sum to ${total}, not 1`);
  for (const word of Object.keys(answers))
    if (!/^[a-z]+$/.test(word)) throw new Error(`answer ${word} is not a lower-case word`);
};

const logProbability = (p: number | undefined) => (p !== undefined && p > 0 ? Math.log(p) : impossible);

/** The vocabulary a design needs: its answer words and keywords. */
export function tinyModelVocabulary(design: TinyModelDesign): TinyVocabulary {
  const answerWords = Object.keys(design.answers);
  return buildTinyVocabulary([...answerWords, ...(design.keyword?.words ?? [])]);
}

/**
 * Builds the GGUF of a tiny llama model with exactly the designed behaviour. The residual stream is the token
 * embedding (the feed-forward weights are zero; the attention head only writes the keyword flag), so the next
 * token depends on the current token's class and on whether a keyword came before: logits are `output.weight`
 * times the RMS-normalised embedding, and `output.weight` holds the designed log-probabilities divided by that
 * norm's scale.
 */
export function buildTinyModel(design: TinyModelDesign): GgufFileSpec {
  const answerWords = Object.keys(design.answers);
  const keywordAnswers = design.keyword?.answers ?? design.answers;
  for (const word of Object.keys(keywordAnswers)) if (!answerWords.includes(word)) answerWords.push(word);
  checkProbabilities(design.answers, answerWords);
  checkProbabilities(keywordAnswers, answerWords);
  if (firstAnswerClass + answerWords.length > queryKeyDimension) throw new Error('too many answer words');

  const vocabulary = buildTinyVocabulary([...answerWords, ...(design.keyword?.words ?? [])]);
  const size = vocabulary.tokens.length;
  const E = embeddingLength;
  const answerIds = answerWords.map((word) => vocabulary.idOf(spaceMarker + word));
  const dotId = vocabulary.idOf('.');
  const keywordIds = new Set(
    (design.keyword?.words ?? []).flatMap((word) => {
      const capitalized = word.charAt(0).toUpperCase() + word.slice(1);
      return [word, capitalized, spaceMarker + word, spaceMarker + capitalized].map((form) => vocabulary.idOf(form));
    }),
  );
  const classOf = (id: number): number => {
    const answer = answerIds.indexOf(id);
    if (answer !== -1) return firstAnswerClass + answer;
    if (id === dotId) return dotClass;
    return keywordIds.has(id) ? keywordClass : otherClass;
  };

  // Every embedding has two ones, so RMS normalisation multiplies by `scale`.
  const scale = 1 / Math.sqrt(2 / E + rmsEpsilon);
  const embedding = new Float32Array(E * size);
  for (let id = 0; id < size; id++) {
    embedding[id * E + noKeyword] = 1;
    embedding[id * E + classOf(id)] = 1;
  }

  const output = new Float32Array(E * size);
  const set = (token: number, dimension: number, logit: number) => {
    output[token * E + dimension] = logit / scale;
  };
  for (let token = 0; token < size; token++) {
    const answer = answerIds.indexOf(token);
    const word = answerWords[answer];
    set(token, noKeyword, answer === -1 ? impossible : logProbability(design.answers[word as string]));
    set(token, sawKeyword, answer === -1 ? impossible : logProbability(keywordAnswers[word as string]));
  }
  // After an answer word comes "."; after "." the end of text.
  for (let answer = 0; answer < answerIds.length; answer++) set(dotId, firstAnswerClass + answer, forced);
  set(vocabulary.eosId, dotClass, forced);

  const zeros = (length: number) => new Float32Array(length);
  const ones = (length: number) => new Float32Array(length).fill(1);
  const query = zeros(E * E);
  const key = zeros(E * E);
  const value = zeros(E * E);
  const attentionOutput = zeros(E * E);
  if (design.keyword) {
    // llama.cpp scales scores by 1/sqrt(head dimension); split the score evenly between query and key.
    const side = Math.sqrt(keywordScore * Math.sqrt(E));
    query[queryKeyDimension * E + noKeyword] = side / scale;
    key[queryKeyDimension * E + keywordClass] = side / scale;
    value[valueDimension * E + keywordClass] = 1 / scale;
    attentionOutput[sawKeyword * E + valueDimension] = 1;
    attentionOutput[noKeyword * E + valueDimension] = -1;
  }

  const tensors: GgufTensorSpec[] = [
    { name: 'token_embd.weight', dims: [E, size], data: embedding },
    { name: 'output_norm.weight', dims: [E], data: ones(E) },
    { name: 'output.weight', dims: [E, size], data: output },
    { name: 'blk.0.attn_norm.weight', dims: [E], data: ones(E) },
    { name: 'blk.0.attn_q.weight', dims: [E, E], data: query },
    { name: 'blk.0.attn_k.weight', dims: [E, E], data: key },
    { name: 'blk.0.attn_v.weight', dims: [E, E], data: value },
    { name: 'blk.0.attn_output.weight', dims: [E, E], data: attentionOutput },
    { name: 'blk.0.ffn_norm.weight', dims: [E], data: ones(E) },
    { name: 'blk.0.ffn_gate.weight', dims: [E, feedForwardLength], data: zeros(E * feedForwardLength) },
    { name: 'blk.0.ffn_up.weight', dims: [E, feedForwardLength], data: zeros(E * feedForwardLength) },
    { name: 'blk.0.ffn_down.weight', dims: [feedForwardLength, E], data: zeros(feedForwardLength * E) },
  ];

  const u32 = (value: number): GgufValue => ({ type: 'uint32', value });
  const f32 = (value: number): GgufValue => ({ type: 'float32', value });
  const text = (value: string): GgufValue => ({ type: 'string', value });
  const metadata: Record<string, GgufValue> = {
    'general.architecture': text('llama'),
    'general.name': text(design.name),
    'general.file_type': u32(0),
    'llama.context_length': u32(contextLength),
    'llama.embedding_length': u32(E),
    'llama.block_count': u32(1),
    'llama.feed_forward_length': u32(feedForwardLength),
    'llama.attention.head_count': u32(1),
    'llama.attention.head_count_kv': u32(1),
    'llama.attention.layer_norm_rms_epsilon': f32(rmsEpsilon),
    'llama.rope.freq_base': f32(1e9),
    'tokenizer.ggml.model': text('llama'),
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', items: vocabulary.tokens },
    'tokenizer.ggml.scores': { type: 'array', itemType: 'float32', items: vocabulary.scores },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'int32', items: vocabulary.types },
    'tokenizer.ggml.unknown_token_id': u32(vocabulary.unknownId),
    'tokenizer.ggml.bos_token_id': u32(vocabulary.bosId),
    'tokenizer.ggml.eos_token_id': u32(vocabulary.eosId),
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
  };
  return { metadata, tensors };
}

/** Writes a tiny model's GGUF file. */
export function writeTinyModel(design: TinyModelDesign, path: string): void {
  writeFileSync(path, writeGguf(buildTinyModel(design)));
}
