import { CompensatedSum } from '../compensated-sum.js';
import { intervalStandardError } from '../interval-standard-error.js';
import { metricLevel } from '../metric-level.js';
import type { MetricValue } from '../metric-value.js';
import { nonNegativeInterval } from '../non-negative-interval.js';
import { checkLevel } from '../normal-interval.js';
import { proportionInterval } from '../proportion-interval.js';
import { sampleVariance } from '../sample-moments.js';
import { type CaseCosts, checkCaseCosts } from './case-costs.js';
import { meanCostInterval } from './mean-cost-interval.js';
import { productInterval } from './product-interval.js';

/**
 * The dollars spent per success: the total cost of every drawn sample (failed ones included) over the total
 * successes, a ratio estimator (Cochran 1977, "Sampling Techniques", §6). Undefined with no success.
 *
 * Over two cases or more, the interval is the delta method's with cases as clusters: the standard error of
 * R = ΣY/ΣX (Y a case's dollars, X its successes) is √(Σ(Yᵢ − R·Xᵢ)²/(m − 1)/m)/X̄, so samples of a case, which
 * share its difficulty and its prompt's length, are never taken as independent; the lower end stops at 0. One case
 * has the interval of its mean cost over its rate of successes per drawn sample (Wilson), multiplied on the log scale.
 */
export function costPerSuccess(cases: readonly CaseCosts[], level = metricLevel): MetricValue {
  checkLevel(level);
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  const dollars = new CompensatedSum();
  let successes = 0;
  let drawn = 0;
  const caseDollars = cases.map((costs) => {
    checkCaseCosts('cost per success', costs);
    const caseSum = new CompensatedSum();
    for (const cost of costs.costs) caseSum.add(cost);
    dollars.add(caseSum.value);
    successes += costs.c;
    drawn += costs.costs.length;
    return caseSum.value;
  });
  if (successes === 0) {
    return { defined: false, reason: `no success in ${drawn} samples of ${cases.length} cases` };
  }
  const value = dollars.value / successes;
  if (cases.length === 1) return oneCase(cases[0] as CaseCosts, value, level);
  const meanSuccesses = successes / cases.length;
  const residuals = cases.map((costs, index) => ((caseDollars[index] as number) - value * costs.c) / meanSuccesses);
  const standardError = Math.sqrt(sampleVariance(residuals) / cases.length);
  return {
    defined: true,
    value,
    interval: nonNegativeInterval(value, standardError, level),
  };
}

/** The cost per success of one case: its mean cost over its successes per drawn sample. */
function oneCase(costs: CaseCosts, value: number, level: number): MetricValue {
  const cost = meanCostInterval(costs.costs, level);
  if (!cost) return { defined: true, value };
  if (cost.value === 0) {
    return { defined: true, value, interval: { lower: 0, upper: 0, level, standardError: 0, method: 'case' } };
  }
  const drawn = costs.costs.length;
  const rate = proportionInterval(costs.c, drawn, level);
  const ratio = productInterval([
    { ...cost, power: 1 },
    { value: costs.c / drawn, lower: rate.lower, upper: rate.upper, level, power: -1 },
  ]);
  // The ratio is computed from the sums above, not from mean(costs)/(c/drawn), which rounds differently.
  const lower = Math.min(value, ratio.lower);
  const upper = Math.max(value, ratio.upper);
  return {
    defined: true,
    value,
    interval: { lower, upper, level, standardError: intervalStandardError(lower, upper, level), method: 'case' },
  };
}
