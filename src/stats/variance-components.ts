import type { CaseCounts } from './case-counts.js';
import { mean, sampleVariance } from './sample-moments.js';

/** The two sources of variance in a mean over cases of per-case success rates, for `planSampleSize`. */
export interface VarianceComponents {
  /** The number of cases the estimates rest on. */
  cases: number;
  /** The mean over cases of the observed success rate (or of its difference, for a paired comparison). */
  mean: number;
  /**
   * ω²: the variance over cases of the true per-case success probability (or of the difference of two
   * interpreters' probabilities): the part that more samples per case cannot remove.
   */
  betweenCaseVariance: number;
  /**
   * σ²: the mean over cases of the Bernoulli variance p_i(1 − p_i) of one sample (for a paired comparison, the
   * sum of both interpreters'): the part that K samples per case divide by K.
   */
  withinCaseVariance: number;
}

/**
 * Estimates the variance components of one interpreter's results (Miller 2024, "Adding Error Bars to Evals",
 * §3): σ² as the mean of the unbiased per-case c(n − c)/(n(n − 1)), and ω² as the sample variance of the
 * rates c/n less the mean of their sampling variance σ_i²/n_i (method of moments, floored at 0).
 * Feed them to `planSampleSize`. Every case needs n ≥ 2; there must be at least two cases.
 */
export function varianceComponents(cases: readonly CaseCounts[]): VarianceComponents {
  checkCases('variance components', cases);
  const rates = cases.map(({ n, c }) => c / n);
  const within = cases.map(bernoulliVariance);
  const noise = mean(cases.map(({ n }, index) => (within[index] as number) / n));
  return {
    cases: cases.length,
    mean: mean(rates),
    betweenCaseVariance: Math.max(0, sampleVariance(rates) - noise),
    withinCaseVariance: mean(within),
  };
}

/**
 * The variance components of the per-case difference between interpreters a and b on the same cases (in the
 * same order), for planning a paired comparison (Miller 2024 §5): ω² of the difference of the true rates, and
 * σ² = σ²_a + σ²_b. Throws a RangeError when the lists differ in length.
 */
export function pairedVarianceComponents(a: readonly CaseCounts[], b: readonly CaseCounts[]): VarianceComponents {
  checkCases('paired variance components (a)', a);
  checkCases('paired variance components (b)', b);
  if (a.length !== b.length) {
    throw new RangeError(
      `paired variance components: a and b must be the same cases, got ${a.length} and ${b.length} cases`,
    );
  }
  const differences = a.map((caseA, index) => {
    const caseB = b[index] as CaseCounts;
    return caseA.c / caseA.n - caseB.c / caseB.n;
  });
  const withinA = a.map(bernoulliVariance);
  const withinB = b.map(bernoulliVariance);
  const noise = mean(
    a.map(
      (caseA, index) => (withinA[index] as number) / caseA.n + (withinB[index] as number) / (b[index] as CaseCounts).n,
    ),
  );
  return {
    cases: a.length,
    mean: mean(differences),
    betweenCaseVariance: Math.max(0, sampleVariance(differences) - noise),
    withinCaseVariance: mean(withinA) + mean(withinB),
  };
}

/** The unbiased estimate of p(1 − p) from c successes in n ≥ 2 samples. */
function bernoulliVariance({ n, c }: CaseCounts): number {
  return (c * (n - c)) / (n * (n - 1));
}

function checkCases(what: string, cases: readonly CaseCounts[]): void {
  if (cases.length < 2) throw new RangeError(`${what}: needs at least 2 cases, got ${cases.length}`);
  cases.forEach(({ n, c }, index) => {
    if (!Number.isInteger(n) || n < 2) {
      throw new RangeError(`${what}: case ${index} needs n ≥ 2 samples to estimate its variance, got n = ${n}`);
    }
    if (!Number.isInteger(c) || c < 0 || c > n) {
      throw new RangeError(`${what}: case ${index} needs c to be an integer between 0 and n = ${n}, got ${c}`);
    }
  });
}
