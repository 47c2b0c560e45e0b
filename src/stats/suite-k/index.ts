export { type CasePosteriorDraws, jeffreysPosteriorDraws, zeroInflatedPosteriorDraws } from './case-posterior-draws.js';
export { sampleSuiteSolveCurve } from './sample-suite-solve-curve.js';
export { type SuiteKEstimate, type SuiteKOptions, type SuiteKResult, suiteK } from './suite-k.js';
export { compareSuiteK, type SuiteKComparison } from './suite-k-comparison.js';
export {
  suiteCappedMeanOfProbabilities,
  suiteKOfProbabilities,
} from './suite-solve-of-probabilities.js';
