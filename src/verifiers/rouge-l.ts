import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { defineBuiltin } from './builtin-verifier.js';
import { applyThreshold, tokenOptions } from './similarity-options.js';
import { f1, tokenize } from './tokenize.js';

/** The most cells of the LCS table one comparison may fill: about 0.1 s. Longer word lists are cut to fit. */
const cellBudget = 25_000_000;

/** The length of the longest common subsequence of two lists of word ids, in O(n·m) time and O(m) memory. */
export function lcsLength(left: Uint32Array, right: Uint32Array): number {
  let previous = new Uint32Array(right.length + 1);
  let current = new Uint32Array(right.length + 1);
  for (let i = 1; i <= left.length; i++) {
    const word = left[i - 1];
    for (let j = 1; j <= right.length; j++) {
      current[j] =
        word === right[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] as number;
}

/** Both word lists as ids, so the inner loop compares integers. */
function toIds(left: readonly string[], right: readonly string[]): [Uint32Array, Uint32Array] {
  const ids = new Map<string, number>();
  const idOf = (word: string) => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  return [Uint32Array.from(left, idOf), Uint32Array.from(right, idOf)];
}

/**
 * Cuts two lists so that the product of their lengths fits the budget: only the longer when the shorter is
 * short enough (a long output against a short reference), else both to the same length.
 */
function fitBudget(left: string[], right: string[]): { left: string[]; right: string[]; cut: boolean } {
  const shorter = Math.min(left.length, right.length);
  if (left.length * right.length <= cellBudget) return { left, right, cut: false };
  const side = Math.floor(Math.sqrt(cellBudget));
  const limit = shorter <= side ? Math.floor(cellBudget / Math.max(1, shorter)) : side;
  return { left: left.slice(0, limit), right: right.slice(0, limit), cut: true };
}

/**
 * `rouge_l(value, reference, { keep_case, threshold })`: ROUGE-L, the F1 of the longest common subsequence of
 * words (order matters, gaps do not). 1 when both have no words. Quadratic in the number of words, so when the
 * product of the two lengths passes 25 million, the lists are cut to fit and the explanation says so.
 */
export const rougeL = defineBuiltin({
  name: 'rouge_l',
  summary: 'ROUGE-L: F1 of the longest common subsequence of words with the reference',
  parameters: [
    { name: 'value', type: 'any value' },
    { name: 'reference', type: 'any value', absent: 'expected' },
  ],
  options: z.strictObject(tokenOptions),
  score([value, reference], options) {
    const fitted = fitBudget(tokenize(value, options.keep_case), tokenize(reference, options.keep_case));
    const { left, right } = fitted;
    if (left.length === 0 && right.length === 0) return scored(applyThreshold(1, options.threshold));
    if (left.length === 0 || right.length === 0) return scored(0, { explanation: 'one of the texts has no words' });
    const [leftIds, rightIds] = toIds(left, right);
    const common = lcsLength(leftIds, rightIds);
    const score = f1(common / left.length, common / right.length);
    return scored(applyThreshold(score, options.threshold), {
      explanation: `longest common subsequence ${common} of ${left.length} and ${right.length} words; F1 ${score.toFixed(3)}${fitted.cut ? `; compared the first ${left.length} and ${right.length} words` : ''}`,
    });
  },
});
