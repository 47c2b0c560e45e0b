import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { normalizeText, quote, textOptions } from './normalize-text.js';

/**
 * `one_of(value, choices, { ignore_case, unicode, ignore_punctuation })`: 1 when the value equals one of the
 * choices after the same normalisation as `exact`, else 0.
 */
export const oneOf = defineBuiltin({
  name: 'one_of',
  summary: 'the value equals one of a list of choices',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'choices', type: 'a list', schema: z.array(z.unknown()), absent: 'expected' },
  ],
  options: z.strictObject(textOptions),
  check(known) {
    return Array.isArray(known.choices) && known.choices.length === 0
      ? [{ parameter: 'choices', message: '`one_of` needs at least one choice', hint: 'write `one_of(["yes", "no"])`' }]
      : [];
  },
  score([value, choices], options) {
    const actual = normalizeText(value, options);
    const list = choices as readonly unknown[];
    return list.some((choice) => normalizeText(choice, options) === actual)
      ? scored(1)
      : scored(0, {
          explanation: `${quote(actual)} is not one of ${quote(list.map((choice) => normalizeText(choice, options)).join(' | '))}`,
        });
  },
});
