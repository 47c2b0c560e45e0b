export { betaPassAtK, logBetaBinomialMass } from './beta-binomial.js';
export { describeMethod } from './describe-method.js';
export { extrapolate } from './extrapolate.js';
export { type BetaBinomialFit, type BetaBinomialFitOptions, fitBetaBinomial } from './fit-beta-binomial.js';
export { fitPowerLaw, type PowerLawFit } from './power-law.js';
export type {
  BetaBinomialPrior,
  EstimateWithInterval,
  ExtrapolationMethod,
  ExtrapolationOptions,
  ExtrapolationResult,
  PassAtKPrediction,
} from './types.js';
