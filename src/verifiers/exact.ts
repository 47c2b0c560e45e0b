import type { BuiltinVerifier } from './builtin-verifier.js';
import { normalizeText, quote } from './normalize-text.js';
import { scored } from './score.js';

/** `exact(value, reference)`: 1 when both are the same text after NFC and whitespace normalisation, else 0. */
export const exact: BuiltinVerifier = {
  name: 'exact',
  summary: 'the value equals the reference, ignoring surrounding and repeated whitespace',
  parameters: ['value', 'reference'],
  score(value, reference) {
    const actual = normalizeText(value);
    const wanted = normalizeText(reference);
    return actual === wanted
      ? scored(1)
      : scored(0, { explanation: `expected ${quote(wanted)}, got ${quote(actual)}` });
  },
};
