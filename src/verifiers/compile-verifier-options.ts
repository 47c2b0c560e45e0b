import type { ExpressionNode } from '../lang/ast.js';
import type { BuiltinVerifier } from './builtin-verifier.js';
import type { Verifier } from './verifier.js';

/** What a verify expression may call besides the built-ins. */
export interface CompileVerifierOptions {
  /** Verifiers imported from TypeScript modules, by the name the program uses. */
  readonly verifiers?: ReadonlyMap<string, BuiltinVerifier>;
  /** The runtime of each named judge: a verifier giving the judge's verdict on a sample. */
  readonly judges?: ReadonlyMap<string, Verifier>;
  /** Every judge the program declares; one missing from `judges` scores as an `error` naming it. */
  readonly judgeNames?: ReadonlySet<string>;
  /**
   * The program's `require` gates, checked in order before the expression: the first whose value is below 1 makes
   * the score 0 with its reason, and nothing after it is evaluated (no judge is asked).
   */
  readonly requires?: readonly ExpressionNode[];
}
