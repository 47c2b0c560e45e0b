import type { EstimateInterval } from './estimate-interval.js';

/** A positive factor of a product, with its interval; power −1 divides by it. */
export interface IntervalFactor extends EstimateInterval {
  /** 1 to multiply by the factor, −1 to divide by it. */
  readonly power: 1 | -1;
}

/**
 * The interval of a product (or ratio) of independent positive estimates from their own intervals, by the method
 * of variance estimates recovery on the log scale (Zou and Donner 2008, "Construction of confidence limits about
 * effect measures: a general approach"; Donner and Zou 2012): the distances of each factor's ends from its value,
 * in logs, add in quadrature, side by side. It keeps each factor's asymmetry (an interval of capped attempts is
 * lopsided near 0 and n successes) and never crosses 0. Every value must be above 0, and the level of the result
 * is that of the factors (the first one's). A factor whose end is 0 (dividing) or whose lower end is 0 (multiplying)
 * makes that side of the result infinite or 0.
 */
export function productInterval(factors: readonly IntervalFactor[]): EstimateInterval {
  let logValue = 0;
  let below = 0;
  let above = 0;
  for (const factor of factors) {
    if (!(factor.value > 0))
      throw new RangeError(`product interval: every factor must be above 0, got ${factor.value}`);
    const center = Math.log(factor.value);
    const down = center - Math.log(Math.min(factor.lower, factor.value));
    const up = Math.log(Math.max(factor.upper, factor.value)) - center;
    logValue += factor.power * center;
    below += (factor.power === 1 ? down : up) ** 2;
    above += (factor.power === 1 ? up : down) ** 2;
  }
  const value = Math.exp(logValue);
  return {
    value,
    lower: Math.min(value, Math.exp(logValue - Math.sqrt(below))),
    upper: Math.max(value, Math.exp(logValue + Math.sqrt(above))),
    level: factors[0]?.level ?? 0.95,
  };
}
