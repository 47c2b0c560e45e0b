// The public names of src/stats: estimators of K, error bars, comparisons and extrapolation.
export { cappedAttempts } from './capped-attempts.js';
export type { CaseCounts } from './case-counts.js';
// The cost statistics most users want at the root; the rest are in src/stats/cost.
export { expectedCostToSuccess, passAtKCost } from './cost/index.js';
export { crossover } from './crossover.js';
export { type ExtrapolationResult, extrapolate } from './extrapolation/index.js';
export { gPassAtK } from './g-pass-at-k.js';
export type { Interval } from './interval.js';
export { maxAtK } from './max-at-k.js';
export { mgPassAtK } from './mg-pass-at-k.js';
export { pairedDifference } from './paired-difference.js';
export { passAtK } from './pass-at-k.js';
export { passHatK } from './pass-hat-k.js';
export { planSampleSize } from './plan-sample-size.js';
export { standardError } from './standard-error.js';
export { suiteSolveProbability } from './suite-solve-probability.js';
