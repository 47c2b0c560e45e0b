import type { ComparisonOperator } from '../../contracts/comparison-operator.js';
import type { ThresholdSide } from './threshold-side.js';

/**
 * What a sequential test says of `metric op threshold`: `pass` or `fail` once the data put the metric on one side
 * of the threshold at the error rate, `undecided` while they do not.
 */
export type SequentialDecision = 'pass' | 'fail' | 'undecided';

/**
 * The decision an expectation gets from the side of its threshold the metric was shown to be on. `==` can only
 * fail (no finite data pin a mean to a point) and `!=` can only pass; `>=` and `>` (and `<=` and `<`) agree,
 * since the metric equals the threshold with probability 0 once it has been shown to differ from it.
 */
export function expectationDecision(side: ThresholdSide, operator: ComparisonOperator): SequentialDecision {
  if (side === 'open') return 'undecided';
  switch (operator) {
    case '>=':
    case '>':
      return side === 'above' ? 'pass' : 'fail';
    case '<=':
    case '<':
      return side === 'below' ? 'pass' : 'fail';
    case '==':
      return 'fail';
    case '!=':
      return 'pass';
    default:
      return operator satisfies never;
  }
}
