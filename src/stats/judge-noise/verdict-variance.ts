/**
 * The variance a judge's repeated calls leave in one verdict: the unbiased variance of its r answers (divisor
 * r − 1) over r, the variance of their mean. Undefined with fewer than two answers read: one call measures no
 * spread. Answers that held no score (`null`) are left out.
 */
export function verdictVariance(values: readonly (number | null)[]): number | undefined {
  const read = values.filter((value): value is number => value !== null);
  if (read.length < 2) return undefined;
  const mean = read.reduce((sum, value) => sum + value, 0) / read.length;
  const variance = read.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (read.length - 1);
  return variance / read.length;
}

/**
 * The variance the judges add to one sample's score: the sum of `verdictVariance` over the judges' verdicts in its
 * score tree. Exact for a score that is one judge's verdict; for a composition (a weighted mean, `and`, `or`) an
 * upper bound, since each judge enters with a weight of at most 1. Undefined when no verdict had two answers.
 */
export function sampleJudgeVariance(
  verdicts: readonly { readonly values: readonly (number | null)[] }[],
): number | undefined {
  let total: number | undefined;
  for (const verdict of verdicts) {
    const variance = verdictVariance(verdict.values);
    if (variance !== undefined) total = (total ?? 0) + variance;
  }
  return total;
}
