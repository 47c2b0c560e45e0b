import type { Score } from '../contracts/score.js';
import type { Trace } from '../contracts/trace.js';

/** Everything a verifier may look at for one sample. */
export interface VerifierContext {
  /** The case's inputs, after defaults were applied. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The program's final output: the text of the last step, or its parsed value for typed outputs. */
  readonly output: unknown;
  /** Each named step's output. */
  readonly steps: Readonly<Record<string, unknown>>;
  /** The case's reference value (`case … -> expected`), when it has one. */
  readonly expected?: unknown;
  /** The full trace of the sample. */
  readonly trace: Trace;
}

/**
 * An informal verifier: a function from a sample to a score in [0, 1]. Combinators call verifiers only
 * through this type and never ask which kind of verifier they hold.
 */
export type Verifier = (context: VerifierContext) => Score | Promise<Score>;
