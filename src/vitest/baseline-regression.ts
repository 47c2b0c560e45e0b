import type { BaselineComparison, MetricChange } from '../runner/baseline-change.js';
import { withoutStack } from './without-stack.js';

/** A metric of a `.prog` file that got significantly worse than in the baseline, as a failing test reports it. */
export class BaselineRegression extends Error {
  override readonly name = 'BaselineRegression';
  /** The metric's change: its value in the baseline and now, the difference with its interval, and the p-value. */
  readonly change: MetricChange;
  /** The program's whole comparison with its baseline entry. */
  readonly comparison: BaselineComparison;
  /** The interpreter the program ran on. */
  readonly interpreterId: string;

  constructor(message: string, change: MetricChange, comparison: BaselineComparison, interpreterId: string) {
    super(message);
    this.change = change;
    this.comparison = comparison;
    this.interpreterId = interpreterId;
    withoutStack(this);
  }
}
