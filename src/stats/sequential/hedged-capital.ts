/**
 * The wealth of two bettors against one null value m of a mean in [0, 1], after t observations (Waudby-Smith and
 * Ramdas 2023, "Estimating means of bounded random variables by betting", §4.2 and §B.3): one bets that the mean is
 * above m, K⁺ₜ = Πᵢ (1 + λ⁺ᵢ (Xᵢ − m)), the other that it is below, K⁻ₜ = Πᵢ (1 − λ⁻ᵢ (Xᵢ − m)). Each bet λᵢ is
 * chosen from X₁…Xᵢ₋₁ alone (predictable), so when the mean is m both are nonnegative martingales, and by Ville's
 * inequality P(sup_t ½(K⁺ₜ + K⁻ₜ) ≥ 1/α) ≤ α: the test can be looked at after every observation.
 *
 * The bets are the approximate growth-rate-optimal ones (aGRAPA, §B.3): λ = (μ̂ − m)/(σ̂² + (μ̂ − m)²) from the
 * running mean and variance, shrunk towards ½ and ¼ by one pseudo-observation, the positive part going to the
 * bettor on its side, each clipped so that a factor never falls below 1 − `clip`. They grow the wealth fastest when
 * the mean is away from m, which is what a decision about a threshold needs.
 */
export interface HedgedCapital {
  /** The null value m in [0, 1]. */
  readonly nullValue: number;
  /** Observations so far. */
  readonly count: number;
  /** Their sum. */
  readonly sum: number;
  /** Σ (Xᵢ − μ̂ᵢ)², with μ̂ᵢ the shrunk running mean after i observations. */
  readonly squaredDeviations: number;
  /** log K⁺ₜ: the wealth of the bet that the mean is above m. */
  readonly logUpper: number;
  /** log K⁻ₜ: the wealth of the bet that the mean is below m. */
  readonly logLower: number;
}

/** How much of its wealth a bettor may lose on one observation, at most: factors stay at least 1 − clip. */
export const defaultClip = 0.5;

/** The capital before any observation: both bettors hold 1. Throws a RangeError for m outside [0, 1]. */
export function startHedgedCapital(nullValue: number): HedgedCapital {
  if (!(nullValue >= 0 && nullValue <= 1)) throw new RangeError(`a null value lies in [0, 1], got ${nullValue}`);
  return { nullValue, count: 0, sum: 0, squaredDeviations: 0, logUpper: 0, logLower: 0 };
}

/** The shrunk running mean and variance the next bet is made from. */
function plugIn(capital: HedgedCapital): { mean: number; variance: number } {
  const mean = (0.5 + capital.sum) / (capital.count + 1);
  const variance = (0.25 + capital.squaredDeviations) / (capital.count + 1);
  return { mean, variance };
}

/**
 * The capital after one more observation x in [0, 1]. Pure: returns a new value. Throws a RangeError for an x
 * outside [0, 1] (the guarantee holds only for bounded observations).
 */
export function addToHedgedCapital(capital: HedgedCapital, x: number, clip = defaultClip): HedgedCapital {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`an observation of a betting test lies in [0, 1], got ${x}`);
  const m = capital.nullValue;
  const { mean, variance } = plugIn(capital);
  const gap = mean - m;
  const bet = gap / (variance + gap * gap);
  // 1 + λ(x − m) ≥ 1 − clip for every x in [0, 1] when λ ≤ clip/m (above) or λ ≤ clip/(1 − m) (below).
  const upperBet = Math.min(Math.max(bet, 0), m > 0 ? clip / m : Number.POSITIVE_INFINITY);
  const lowerBet = Math.min(Math.max(-bet, 0), m < 1 ? clip / (1 - m) : Number.POSITIVE_INFINITY);
  const count = capital.count + 1;
  const sum = capital.sum + x;
  const nextMean = (0.5 + sum) / (count + 1);
  return {
    nullValue: m,
    count,
    sum,
    squaredDeviations: capital.squaredDeviations + (x - nextMean) ** 2,
    logUpper: capital.logUpper + Math.log1p(upperBet * (x - m)),
    logLower: capital.logLower + Math.log1p(-lowerBet * (x - m)),
  };
}
