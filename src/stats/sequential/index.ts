export { bettingConfidenceSequence, type SequenceBounds } from './betting-confidence-sequence.js';
export {
  type BlockSample,
  blockValue,
  isSequentialMetric,
  metricBlockSize,
  type SequentialMetric,
} from './block-value.js';
export { expectationDecision, type SequentialDecision } from './expectation-decision.js';
export { addToHedgedCapital, type HedgedCapital, startHedgedCapital } from './hedged-capital.js';
export {
  addRound,
  isSettled,
  type SequentialTarget,
  type SequentialTest,
  startSequentialTest,
  type TargetState,
} from './sequential-test.js';
export { type ThresholdSide, thresholdSide } from './threshold-side.js';
