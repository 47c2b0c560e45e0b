import type { BuiltinVerifier } from './builtin-verifier.js';
import { normalizeText, quote } from './normalize-text.js';
import { scored } from './score.js';

/** `contains(value, needle)`: 1 when the value's text holds the needle's text (both normalised), else 0. */
export const contains: BuiltinVerifier = {
  name: 'contains',
  summary: 'the value contains the given text',
  parameters: ['value', 'needle'],
  score(value, needle) {
    const haystack = normalizeText(value);
    const wanted = normalizeText(needle);
    return haystack.includes(wanted)
      ? scored(1)
      : scored(0, { explanation: `${quote(haystack)} does not contain ${quote(wanted)}` });
  },
};
