import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { normalizeText, quote, textOptions } from './normalize-text.js';

/**
 * `exact(value, reference, { ignore_case, unicode, ignore_punctuation })`: 1 when both are the same text after
 * normalisation (NFC, whitespace runs collapsed, ends trimmed, and what the options add), else 0.
 */
export const exact = defineBuiltin({
  name: 'exact',
  summary: 'the value equals the reference, ignoring surrounding and repeated whitespace',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'reference', type: 'any value', absent: 'expected' },
  ],
  options: z.strictObject(textOptions),
  score([value, reference], options) {
    const actual = normalizeText(value, options);
    const wanted = normalizeText(reference, options);
    return actual === wanted
      ? scored(1)
      : scored(0, { explanation: `expected ${quote(wanted)}, got ${quote(actual)}` });
  },
});
