import { describe, expect, it } from 'vitest';
import { buildTinyModel, pleaseModel, yesModel } from './tiny-models.js';
import { buildTinyVocabulary, spaceMarker, tokenTypes } from './tiny-vocabulary.js';

describe('the tiny vocabulary', () => {
  const vocabulary = buildTinyVocabulary(['yes', 'please']);

  it('starts with <unk>, <s>, </s> and the 256 byte tokens, so any UTF-8 text round-trips', () => {
    expect(vocabulary.tokens.slice(0, 3)).toEqual(['<unk>', '<s>', '</s>']);
    expect(vocabulary.types.slice(0, 3)).toEqual([tokenTypes.unknown, tokenTypes.control, tokenTypes.control]);
    expect(vocabulary.tokens[3]).toBe('<0x00>');
    expect(vocabulary.tokens[258]).toBe('<0xFF>');
    expect(vocabulary.types.slice(3, 259).every((type) => type === tokenTypes.byte)).toBe(true);
  });

  it('holds every prefix of each word, with and without ▁, in lower case and capitalised', () => {
    for (const piece of ['▁p', '▁pl', '▁ple', '▁plea', '▁pleas', '▁please', 'Pl', 'Please', '▁Please', 'yes', '▁yes']) {
      expect(vocabulary.idOf(piece.replace('▁', spaceMarker))).toBeGreaterThan(258);
    }
    expect(new Set(vocabulary.tokens).size).toBe(vocabulary.tokens.length);
    expect(vocabulary.scores).toHaveLength(vocabulary.tokens.length);
    expect(vocabulary.types).toHaveLength(vocabulary.tokens.length);
  });
});

describe('the tiny model designs', () => {
  it('refuse probabilities that do not sum to 1', () => {
    expect(() => buildTinyModel({ name: 'x', answers: { yes: 0.5, no: 0.4 } })).toThrow(/sum to 0.9/);
  });

  it('hold the nine keys llama.cpp needs and every tensor of one llama block', () => {
    const spec = buildTinyModel(pleaseModel());
    for (const key of [
      'general.architecture',
      'llama.context_length',
      'llama.embedding_length',
      'llama.block_count',
      'llama.feed_forward_length',
      'llama.attention.head_count',
      'llama.attention.layer_norm_rms_epsilon',
      'tokenizer.ggml.model',
      'tokenizer.ggml.tokens',
    ]) {
      expect(spec.metadata).toHaveProperty([key]);
    }
    expect(spec.tensors.map((tensor) => tensor.name)).toContain('blk.0.ffn_down.weight');
  });

  it('put the designed log-odds in output.weight (yes against no, scaled by the RMS norm)', () => {
    const spec = buildTinyModel(yesModel(0.75));
    const vocabulary = buildTinyVocabulary(['yes', 'no']);
    const output = spec.tensors.find((tensor) => tensor.name === 'output.weight')?.data as Float32Array;
    const E = 32;
    const scale = 1 / Math.sqrt(2 / E + 1e-5);
    // Any prompt token: one-hot in dimension 0 (no keyword) and its class (2, "other").
    const logit = (token: string) =>
      scale * ((output[vocabulary.idOf(token) * E] as number) + (output[vocabulary.idOf(token) * E + 2] as number));
    expect(
      Math.exp(logit(`${spaceMarker}yes`)) /
        (Math.exp(logit(`${spaceMarker}yes`)) + Math.exp(logit(`${spaceMarker}no`))),
    ).toBeCloseTo(0.75, 5);
  });
});
