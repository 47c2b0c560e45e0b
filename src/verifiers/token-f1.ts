import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { applyThreshold, tokenOptions } from './similarity-options.js';
import { countItems, f1, overlap, tokenize } from './tokenize.js';

/**
 * `token_f1(value, reference, { keep_case, threshold })`: the F1 of the words the value shares with the
 * reference, counted as multisets (as in SQuAD). 1 when both have no words. Linear in the texts' lengths.
 */
export const tokenF1 = defineBuiltin({
  name: 'token_f1',
  summary: 'F1 of the words shared with the reference',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'reference', type: 'any value', absent: 'expected' },
  ],
  options: z.strictObject(tokenOptions),
  score([value, reference], options) {
    const actual = tokenize(value, options.keep_case);
    const wanted = tokenize(reference, options.keep_case);
    if (actual.length === 0 && wanted.length === 0) return scored(applyThreshold(1, options.threshold));
    if (actual.length === 0 || wanted.length === 0) return scored(0, { explanation: 'one of the texts has no words' });
    const shared = overlap(countItems(actual), countItems(wanted));
    const score = f1(shared / actual.length, shared / wanted.length);
    return scored(applyThreshold(score, options.threshold), {
      explanation: `${shared} shared words of ${actual.length} and ${wanted.length}; F1 ${score.toFixed(3)}`,
    });
  },
});
