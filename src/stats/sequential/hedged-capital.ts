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
  /** Observations so far (every case of every round). */
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
 * The capital after one round of observations in [0, 1] that share one bet: the cases of a suite in one round, each
 * independent of the others given the cases. The bet comes from earlier rounds alone, and each observation
 * multiplies the wealth by its own factor 1 + λ(xᵢ − m). When the cases' means μᵢ average m, the round's expected
 * factor is Πᵢ (1 + λ(μᵢ − m)) ≤ exp(λ Σᵢ (μᵢ − m)) = 1, so the wealth stays a test supermartingale for the mean
 * over cases, while each factor needs only λ ≤ 1/m: a round of C cases grows the wealth about C times as fast as
 * one bet on the round's mean could. Pure: returns a new value. Throws a RangeError for an observation outside
 * [0, 1] (the guarantee holds only for bounded observations).
 */
export function addToHedgedCapital(
  capital: HedgedCapital,
  round: number | readonly number[],
  clip = defaultClip,
): HedgedCapital {
  const observations = typeof round === 'number' ? [round] : round;
  const m = capital.nullValue;
  const { mean, variance } = plugIn(capital);
  const gap = mean - m;
  const bet = gap / (variance + gap * gap);
  // 1 + λ(x − m) ≥ 1 − clip for every x in [0, 1] when λ ≤ clip/m (above) or λ ≤ clip/(1 − m) (below).
  const upperBet = Math.min(Math.max(bet, 0), m > 0 ? clip / m : Number.POSITIVE_INFINITY);
  const lowerBet = Math.min(Math.max(-bet, 0), m < 1 ? clip / (1 - m) : Number.POSITIVE_INFINITY);
  let { count, sum, squaredDeviations, logUpper, logLower } = capital;
  for (const x of observations) {
    if (!(x >= 0 && x <= 1)) throw new RangeError(`an observation of a betting test lies in [0, 1], got ${x}`);
    count++;
    sum += x;
    squaredDeviations += (x - (0.5 + sum) / (count + 1)) ** 2;
    logUpper += Math.log1p(upperBet * (x - m));
    logLower += Math.log1p(-lowerBet * (x - m));
  }
  return { nullValue: m, count, sum, squaredDeviations, logUpper, logLower };
}
