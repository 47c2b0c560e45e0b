import type { ExpectationResult } from '../runner/program-summary.js';
import { withoutStack } from './without-stack.js';

/** A `.prog` expectation that was not met, as a failing test reports it. The message says why, in full. */
export class ExpectationFailure extends Error {
  override readonly name = 'ExpectationFailure';
  /** The expectation, with its observed value. */
  readonly expectation: ExpectationResult;
  /** The interpreter the program ran on. */
  readonly interpreterId: string;

  constructor(message: string, expectation: ExpectationResult, interpreterId: string) {
    super(message);
    this.expectation = expectation;
    this.interpreterId = interpreterId;
    withoutStack(this);
  }
}
