import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { applyThreshold, tokenOptions } from './similarity-options.js';
import { countItems, f1, overlap, tokenize } from './tokenize.js';

/** The word n-grams of a list of words, each joined into one key. */
function ngrams(words: readonly string[], n: number): string[] {
  const grams: string[] = [];
  for (let index = 0; index + n <= words.length; index++) grams.push(words.slice(index, index + n).join('\u0000'));
  return grams;
}

/**
 * `ngram_overlap(value, reference, { n, measure, keep_case, threshold })`: the overlap of word n-grams
 * (default n = 2) counted as multisets, as F1 (ROUGE-N's F-measure; the default), `precision` (BLEU-like,
 * without brevity penalty) or `recall` (ROUGE-N). Linear in the texts' lengths.
 */
export const ngramOverlap = defineBuiltin({
  name: 'ngram_overlap',
  summary: 'overlap of word n-grams with the reference (F1, precision or recall)',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'reference', type: 'any value', absent: 'expected' },
  ],
  options: z.strictObject({
    ...tokenOptions,
    /** The n-gram length. Default 2. */
    n: z.number().int().min(1).max(10).optional(),
    /** Which measure: `f1` (default), `precision` or `recall`. */
    measure: z.enum(['f1', 'precision', 'recall']).optional(),
  }),
  score([value, reference], options) {
    const n = options.n ?? 2;
    const actual = ngrams(tokenize(value, options.keep_case), n);
    const wanted = ngrams(tokenize(reference, options.keep_case), n);
    if (actual.length === 0 && wanted.length === 0) return scored(applyThreshold(1, options.threshold));
    if (actual.length === 0 || wanted.length === 0) {
      return scored(0, { explanation: `one of the texts has no ${n}-grams` });
    }
    const shared = overlap(countItems(actual), countItems(wanted));
    const precision = shared / actual.length;
    const recall = shared / wanted.length;
    const measure = options.measure ?? 'f1';
    const score = measure === 'precision' ? precision : measure === 'recall' ? recall : f1(precision, recall);
    return scored(applyThreshold(score, options.threshold), {
      explanation: `${shared} shared ${n}-grams of ${actual.length} and ${wanted.length}; ${measure} ${score.toFixed(3)}`,
    });
  },
});
