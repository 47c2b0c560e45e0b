import { type Score, scored, scoreError } from '../contracts/score.js';
import type { ExpressionNode } from '../lang/ast.js';
import { getOrCreate } from '../util/get-or-create.js';
import { isPromise } from './checked-score.js';
import { compare } from './compare.js';
import type { CompileVerifierOptions } from './compile-verifier-options.js';
import { CompiledCalls } from './compiled-calls.js';
import { Evaluation } from './evaluation.js';
import type { Verifier } from './verifier.js';

export type { CompileVerifierOptions };
// Callers that compare a score with a program's `pass when` threshold import it from here too.
export { compare };

/**
 * Compiles a `verify` expression, with the `require` gates in `options`, into a verifier. `source` is the text of
 * the file the expressions came from, so that each part of the score can name the expression that made it. Names
 * must have been checked already.
 */
export function compileVerifier(
  expression: ExpressionNode,
  source: string,
  options: CompileVerifierOptions = {},
): Verifier {
  const verify = compileExpression(expression, source, options);
  const gates = (options.requires ?? []).map((gate) => ({ gate, verifier: compileExpression(gate, source, options) }));
  if (gates.length === 0) return verify;
  const text = (node: ExpressionNode) => source.slice(node.span.start, node.span.end);
  return (context) => {
    const met: Score[] = [];
    const checkFrom = (index: number): Score | Promise<Score> => {
      const next = gates[index];
      if (!next) return then(verify(context), (score) => gated(score));
      return then(next.verifier(context), (score) => {
        const required = text(next.gate);
        const details = { name: 'require', expression: required, span: next.gate.span, parts: [...met, score] };
        if (score.status !== 'scored' || score.value === null) {
          return {
            ...details,
            value: null,
            status: score.status,
            explanation: `\`require ${required}\` could not be checked: ${score.explanation ?? score.status}`,
          };
        }
        if (score.value < 1)
          return scored(0, { ...details, explanation: `\`require ${required}\` is not met (${score.value})` });
        met.push(score);
        return checkFrom(index + 1);
      });
    };
    // Every gate was met: the verify score, with the gates beside it in the trace.
    const gated = (score: Score): Score => ({
      value: score.value,
      status: score.status,
      ...(score.explanation === undefined ? {} : { explanation: score.explanation }),
      name: 'require',
      expression: text(expression),
      span: expression.span,
      parts: [...met, score],
    });
    return checkFrom(0);
  };
}

/** `map` applied to a score now, or once it arrives. */
function then(
  score: Score | PromiseLike<Score>,
  map: (score: Score) => Score | Promise<Score>,
): Score | Promise<Score> {
  return isPromise(score) ? Promise.resolve(score).then(map) : map(score);
}

/** Compiles one expression into a verifier; a failure while evaluating it becomes an `error` score. */
function compileExpression(expression: ExpressionNode, source: string, options: CompileVerifierOptions): Verifier {
  const texts = new Map<ExpressionNode, string>();
  const expressionText = (node: ExpressionNode) =>
    getOrCreate(texts, node, () => source.slice(node.span.start, node.span.end));
  const compiled = new CompiledCalls();
  const failed = (error: unknown) =>
    scoreError(`the verifier failed: ${(error as Error).message}`, {
      expression: source.slice(expression.span.start, expression.span.end),
      span: expression.span,
    });
  return (context) => {
    try {
      const score = new Evaluation(expressionText, context, compiled, options).run(expression);
      return isPromise(score) ? Promise.resolve(score).catch(failed) : score;
    } catch (error) {
      return failed(error);
    }
  };
}
