export type { NamedCaseCounts } from '../../stats/case-counts.js';
export type { AdaptivePlanRequest } from './adaptive-plan-request.js';
export type { AdaptiveBatchItem, AdaptiveDoneReason, AdaptiveStep } from './adaptive-step.js';
export { addDrawnCounts } from './add-drawn-counts.js';
export { type BetaPrior, jeffreysPrior } from './beta-prior.js';
export { estimatorVariance, expectedEstimatorVariance } from './estimator-variance.js';
export { planAdaptiveBatch } from './plan-adaptive-batch.js';
export {
  type AdaptiveSamplingEnd,
  type AdaptiveSamplingResult,
  type DrawBatch,
  type SampleAdaptivelyOptions,
  sampleAdaptively,
} from './sample-adaptively.js';
export { type MetricWidth, type SamplingWidthOptions, samplingWidth } from './sampling-width.js';
