// The cost statistics: dollars and tokens joined to pass@k, and the latency of samples.
export { type CaseCosts, checkCaseCosts } from './case-costs.js';
export { costPerSuccess } from './cost-per-success.js';
export type { EstimateInterval } from './estimate-interval.js';
export {
  caseExpectedCostToSuccess,
  type ExpectedCostOptions,
  expectedCostToSuccess,
} from './expected-cost-to-success.js';
export { type LatencyPercentiles, latencyPercentile, latencyPercentiles } from './latency-percentiles.js';
export {
  type PassAtKCost,
  type PassAtKCostOptions,
  type PassAtKCostPoint,
  passAtKCost,
} from './pass-at-k-cost.js';
export { type QuantileRanks, quantileRanks } from './quantile-ranks.js';
