import type { Score } from './score.js';

/**
 * A verifier built into the language, called in `verify` expressions as `name(value, argument)`.
 * With one argument fewer, `value` is the program's `output`; with none (or written bare), the arguments are
 * `output` and the case's `expected`.
 */
export interface BuiltinVerifier {
  readonly name: string;
  /** One line for docs and hints. */
  readonly summary: string;
  /** Parameter names, the checked value first. */
  readonly parameters: readonly [string, string];
  /** Scores the evaluated arguments. Returns a score without `name` or `expression`; the caller adds them. */
  readonly score: (value: unknown, argument: unknown) => Score;
}
