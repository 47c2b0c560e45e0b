import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { normalizeText, textOptions } from './normalize-text.js';
import { applyThreshold } from './similarity-options.js';

/**
 * The most work one comparison may take, in the units of Myers' bit-parallel algorithm that
 * fastest-levenshtein uses: ⌈shorter / 32⌉ × longer. About 50 ms. Longer texts are cut to fit.
 */
const workBudget = 40_000_000;

/** The longest prefix length `n` that both texts may keep so that ⌈n / 32⌉ × n fits the budget. */
const sharedLimit = Math.floor(Math.sqrt(workBudget * 32));

/**
 * `edit_similarity(value, reference, { ignore_case, unicode, ignore_punctuation, threshold })`: one minus the
 * Levenshtein distance over the longer length, on normalised text (1 for identical texts, 0 for nothing in
 * common). Two texts that are both very long (over about 35,000 characters) are compared on their beginnings,
 * and the explanation says so; one long text against a short one is compared in full.
 */
export const editSimilarity = defineBuiltin({
  name: 'edit_similarity',
  summary: 'one minus the normalised edit (Levenshtein) distance to the reference',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'reference', type: 'any value', absent: 'expected' },
  ],
  options: z.strictObject({ ...textOptions, threshold: z.number().min(0).max(1).optional() }),
  score([value, reference], options) {
    let actual = normalizeText(value, options);
    let wanted = normalizeText(reference, options);
    const longer = Math.max(actual.length, wanted.length);
    const shorter = Math.min(actual.length, wanted.length);
    let cut = false;
    if (Math.ceil(shorter / 32) * longer > workBudget) {
      actual = actual.slice(0, sharedLimit);
      wanted = wanted.slice(0, sharedLimit);
      cut = true;
    }
    const length = Math.max(actual.length, wanted.length);
    const similarity = length === 0 ? 1 : 1 - distance(actual, wanted) / length;
    const explanations = [
      ...(similarity < 1 ? [`edit similarity ${similarity.toFixed(3)}`] : []),
      ...(cut ? [`compared the first ${sharedLimit} characters of each text`] : []),
    ];
    return scored(applyThreshold(similarity, options.threshold), {
      ...(explanations.length > 0 ? { explanation: explanations.join('; ') } : {}),
    });
  },
});
