import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** What to plan for: the effect to detect, the test, and the variance of the quantity compared. */
export interface SampleSizeQuery {
  /** δ > 0: the smallest difference in mean success rate worth detecting (0.03 for 3 points). */
  effect: number;
  /** ω² ≥ 0: the variance over cases of the true per-case value compared (see `varianceComponents`). */
  betweenCaseVariance: number;
  /**
   * σ² ≥ 0: the mean within-case variance of one sample (p(1 − p) for pass/fail; σ²_a + σ²_b for a paired
   * comparison of two interpreters), which K samples per case divide by K.
   */
  withinCaseVariance: number;
  /** The two-sided significance level α; 0.05 by default. */
  alpha?: number;
  /** The power 1 − β wanted: the chance of detecting an effect of size δ; 0.8 by default. */
  power?: number;
  /** Fix K, the samples per case, and solve for the cases; 1 by default when `cases` is not given. */
  samplesPerCase?: number;
  /** Fix the number of cases and solve for the samples per case. Give both to only compute the power. */
  cases?: number;
}

/** A design, with the power it reaches. */
export interface SampleSizePlan {
  /** The number of cases m. */
  cases: number;
  /** The samples per case (per interpreter) K. */
  samplesPerCase: number;
  /** cases × samplesPerCase. */
  totalSamples: number;
  /**
   * The fewest cases with which some number of samples per case reaches the power: just above z²ω²/δ²
   * (z = z_{α/2} + z_β), since each case's mean keeps its between-case variance ω² however many samples it has.
   */
  minimumCases: number;
  /**
   * The power of the design against an effect δ, Φ(δ/SE − z_{α/2}), the approximation the plan is solved in
   * (it leaves out rejections in the wrong direction, which have probability below α/2).
   */
  power: number;
  /** The significance level α planned for. */
  alpha: number;
  /** The effect δ planned for. */
  effect: number;
}

/**
 * Plans the cases and samples per case needed to detect a difference δ with a two-sided z-test at level α and
 * power 1 − β (Miller 2024, "Adding Error Bars to Evals", §5). The mean over m cases with K samples each has
 * variance (ω² + σ²/K)/m, so m = ⌈(z_{α/2} + z_β)² (ω² + σ²/K) / δ²⌉; for a fixed m,
 * K = ⌈σ² / (mδ²/(z_{α/2} + z_β)² − ω²)⌉. More samples per case only shrink the σ²/K term, so when ω²
 * dominates, more cases are the remedy. Throws a RangeError for arguments out of range, and when the fixed
 * number of cases is below `minimumCases` (no K can then reach the power; the message gives the minimum).
 */
export function planSampleSize(query: SampleSizeQuery): SampleSizePlan {
  const { effect, betweenCaseVariance, withinCaseVariance, alpha = 0.05, power = 0.8 } = query;
  if (!(effect > 0 && Number.isFinite(effect))) {
    throw new RangeError(`sample size: effect must be a positive number, got ${effect}`);
  }
  checkVariance('betweenCaseVariance', betweenCaseVariance);
  checkVariance('withinCaseVariance', withinCaseVariance);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`sample size: alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`sample size: power must be in (0, 1), got ${power}`);
  checkCount('samplesPerCase', query.samplesPerCase);
  checkCount('cases', query.cases);

  const zAlpha = normalQuantile(1 - alpha / 2, 0, 1);
  const zSum = zAlpha + normalQuantile(power, 0, 1);
  const factor = zSum ** 2 / effect ** 2;
  // With σ² > 0 each finite K adds σ²/K, so the floor of cases is strict.
  const floorOfCases = factor * betweenCaseVariance;
  const minimumCases = withinCaseVariance === 0 ? Math.max(1, ceilNear(floorOfCases)) : Math.floor(floorOfCases) + 1;

  let cases: number;
  let samplesPerCase: number;
  if (query.cases === undefined) {
    samplesPerCase = query.samplesPerCase ?? 1;
    cases = Math.max(1, ceilNear(factor * (betweenCaseVariance + withinCaseVariance / samplesPerCase)));
  } else {
    cases = query.cases;
    if (query.samplesPerCase !== undefined) samplesPerCase = query.samplesPerCase;
    else if (cases < minimumCases) {
      throw new RangeError(
        `sample size: ${cases} cases cannot detect an effect of ${effect} with power ${power}, however many ` +
          `samples per case are drawn; the between-case variance needs at least ${minimumCases} cases`,
      );
    } else if (withinCaseVariance === 0) samplesPerCase = 1;
    else samplesPerCase = Math.max(1, ceilNear(withinCaseVariance / (cases / factor - betweenCaseVariance)));
  }
  const error = Math.sqrt((betweenCaseVariance + withinCaseVariance / samplesPerCase) / cases);
  const reached = error === 0 ? 1 : normalCdf(effect / error - zAlpha, 0, 1);
  return {
    cases,
    samplesPerCase,
    totalSamples: cases * samplesPerCase,
    minimumCases,
    power: reached,
    alpha,
    effect,
  };
}

/** ⌈x⌉, forgiving the last bits of rounding: 3.0000000000000004 is 3. */
function ceilNear(x: number): number {
  return Math.ceil(x * (1 - 1e-12));
}

function checkVariance(name: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`sample size: ${name} must be a finite number ≥ 0, got ${value}`);
  }
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`sample size: ${name} must be a positive integer, got ${value}`);
  }
}
