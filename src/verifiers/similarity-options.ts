import { z } from 'zod';

/** Options of the token-level similarity verifiers. */
export const tokenOptions = {
  /** Compare words case-sensitively. Default false: words are lower-cased. */
  keep_case: z.boolean().optional(),
  /** A score at or above this becomes 1, below it 0: a crisp verifier from a graded one. */
  threshold: z.number().min(0).max(1).optional(),
};

/** A similarity as a score: graded, or crisp at a threshold. */
export function applyThreshold(similarity: number, threshold: number | undefined): number {
  if (threshold === undefined) return similarity;
  return similarity >= threshold ? 1 : 0;
}
