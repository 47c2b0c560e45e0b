import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { normalizeText, quote, textOptions } from './normalize-text.js';

/** A needle, or a list of them. */
export const needleSchema = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);

/** The needles of a `contains` call, normalised. */
export function needles(needle: unknown, options: z.output<typeof containsOptions>): string[] {
  const list = Array.isArray(needle) ? needle : [needle];
  return list.map((item) => normalizeText(item, options));
}

export const containsOptions = z.strictObject(textOptions);

/**
 * `contains(value, needle, { ignore_case, unicode, ignore_punctuation })`: 1 when the value's text holds the
 * needle's text (both normalised), else 0. With a list of needles, the fraction of them found.
 */
export const contains = defineBuiltin({
  name: 'contains',
  summary: 'the value contains the given text (or the fraction of a list of texts it contains)',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'needle', type: 'a string or a list of strings', schema: needleSchema, absent: 'expected' },
  ],
  options: containsOptions,
  score([value, needle], options) {
    const haystack = normalizeText(value, options);
    const wanted = needles(needle, options);
    const missing = wanted.filter((item) => !haystack.includes(item));
    if (wanted.length === 0) return scored(1);
    return scored((wanted.length - missing.length) / wanted.length, {
      ...(missing.length > 0
        ? { explanation: `${quote(haystack)} does not contain ${missing.map((item) => quote(item)).join(', ')}` }
        : {}),
    });
  },
});
