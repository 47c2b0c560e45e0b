import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { containsOptions, needleSchema, needles } from './contains.js';
import { normalizeText, quote } from './normalize-text.js';

/**
 * `not_contains(value, needle, { ignore_case, unicode, ignore_punctuation })`: 1 when the value's text does not
 * hold the needle's text, else 0. With a list of needles, the fraction of them absent.
 */
export const notContains = defineBuiltin({
  name: 'not_contains',
  summary: 'the value does not contain the given text (or the fraction of a list of texts it avoids)',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'needle', type: 'a string or a list of strings', schema: needleSchema, absent: 'expected' },
  ],
  options: containsOptions,
  score([value, needle], options) {
    const haystack = normalizeText(value, options);
    const unwanted = needles(needle, options);
    const found = unwanted.filter((item) => haystack.includes(item));
    if (unwanted.length === 0) return scored(1);
    return scored((unwanted.length - found.length) / unwanted.length, {
      ...(found.length > 0 ? { explanation: `found ${found.map((item) => quote(item)).join(', ')}` } : {}),
    });
  },
});
