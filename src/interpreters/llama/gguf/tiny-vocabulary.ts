/** SentencePiece's word-boundary marker, which stands for a space inside tokens. */
export const spaceMarker = '\u2581';

/** llama.cpp's token types (`enum llama_token_type`). */
export const tokenTypes = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** A SentencePiece-style vocabulary that llama.cpp's `llama` tokenizer reads. */
export interface TinyVocabulary {
  /** The token texts, by id. */
  readonly tokens: readonly string[];
  /** One score per token; merges of equal score go left to right. */
  readonly scores: readonly number[];
  /** One `tokenTypes` value per token. */
  readonly types: readonly number[];
  readonly unknownId: number;
  readonly bosId: number;
  readonly eosId: number;
  /** The id of a token text; throws for a text not in the vocabulary (a bug in a model design). */
  idOf(text: string): number;
}

const byteToken = (byte: number) => `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Builds a vocabulary of `<unk>`, `<s>`, `</s>`, the 256 byte tokens `<0x00>`…`<0xFF>` (so any UTF-8 text
 * round-trips), the printable ASCII characters, `▁` and `▁` before each letter, and then each given word as one
 * token, in lower case and capitalised, with and without a leading `▁` (node-llama-cpp's chat wrappers tokenize
 * the first word of a message without it). SentencePiece only merges through pieces in the vocabulary, so every
 * prefix of a word is a piece too; with equal scores, merges go left to right and a word becomes one token.
 */
export function buildTinyVocabulary(words: readonly string[]): TinyVocabulary {
  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [tokenTypes.unknown, tokenTypes.control, tokenTypes.control];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(byteToken(byte));
    types.push(tokenTypes.byte);
  }
  const seen = new Set(tokens);
  const addPiece = (piece: string) => {
    if (seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(tokenTypes.normal);
  };
  for (let code = 0x21; code < 0x7f; code++) addPiece(String.fromCharCode(code));
  addPiece(spaceMarker);
  for (const letter of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') addPiece(spaceMarker + letter);
  for (const word of words) {
    for (const form of new Set([word, capitalize(word)])) {
      for (const piece of [form, spaceMarker + form]) {
        const characters = [...piece];
        for (let end = 1; end <= characters.length; end++) addPiece(characters.slice(0, end).join(''));
      }
    }
  }
  const ids = new Map(tokens.map((token, id) => [token, id]));
  return {
    tokens,
    scores: tokens.map(() => 0),
    types,
    unknownId: 0,
    bosId: 1,
    eosId: 2,
    idOf(text) {
      const id = ids.get(text);
      if (id === undefined) throw new Error(`the tiny vocabulary has no token ${JSON.stringify(text)}`);
      return id;
    },
  };
}
