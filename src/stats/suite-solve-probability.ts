import type { CaseCounts } from './case-counts.js';
import { passAtK } from './pass-at-k.js';

/**
 * The chance of solving every case of a suite with k attempts per case: Π_i pass@k_i. Unbiased for
 * Π_i (1 − (1 − p_i)^k) because the cases are sampled independently. Throws a RangeError for an empty suite, and
 * where any case has k > n_i or counts out of range (the message names the case's index).
 */
export function suiteSolveProbability(cases: readonly CaseCounts[], k: number): number {
  if (cases.length === 0) throw new RangeError('suite solve probability: needs at least one case, got none');
  let product = 1;
  cases.forEach(({ n, c }, index) => {
    try {
      product *= passAtK(n, c, k);
    } catch (error) {
      if (error instanceof RangeError) throw new RangeError(`case ${index}: ${error.message}`);
      throw error;
    }
  });
  return product;
}
