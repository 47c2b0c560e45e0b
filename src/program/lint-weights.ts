import type { ExpressionNode } from '../lang/ast.js';
import type { DiagnosticSink } from './resolve-context.js';

/** The terms of a chain of `+`. */
function terms(node: ExpressionNode): ExpressionNode[] {
  return node.kind === 'binary' && node.operator === '+' ? [...terms(node.left), ...terms(node.right)] : [node];
}

/** The literal weight of a term `w * x` or `x * w`, if it has one. */
function weightOf(term: ExpressionNode): number | undefined {
  if (term.kind !== 'binary' || term.operator !== '*') return undefined;
  for (const side of [term.left, term.right]) {
    if (side.kind === 'literal' && side.literal.kind === 'number') return side.literal.value;
    const negated = side.kind === 'negate' ? side.operand : undefined;
    if (negated?.kind === 'literal' && negated.literal.kind === 'number') return -negated.literal.value;
  }
  return undefined;
}

/**
 * Checks weighted sums (`w1 * a + w2 * b + …`, every weight a number): weights that are negative or sum to more than 1
 * can take the score out of [0, 1], an error; weights summing to less than 1 keep every score below 1, a warning.
 */
export function lintWeights(expression: ExpressionNode, sink: DiagnosticSink): void {
  const visit = (node: ExpressionNode, inSum: boolean): void => {
    if (node.kind === 'binary' && node.operator === '+' && !inSum) {
      const parts = terms(node);
      const weights = parts.map(weightOf);
      if (weights.every((weight) => weight !== undefined)) {
        const total = (weights as number[]).reduce((sum, weight) => sum + weight, 0);
        const shown = Number(total.toPrecision(12));
        if ((weights as number[]).some((weight) => weight < 0)) {
          sink.error(
            'R040',
            'a weight of this sum is negative, so its value can leave [0, 1]',
            node.span,
            'weigh each part with a number from 0 to 1, the weights summing to 1; use `not x` for the opposite of x',
          );
        } else if (total > 1 + 1e-9) {
          sink.error(
            'R040',
            `the weights of this sum add up to ${shown}, more than 1: a fully correct answer would score ${shown}, outside [0, 1]`,
            node.span,
            'make the weights sum to 1, so that the sum is a weighted mean in [0, 1]',
          );
        } else if (Math.abs(total - 1) > 1e-9) {
          sink.warning(
            'W001',
            `the weights of this sum add up to ${shown}, less than 1: no answer can score 1`,
            node.span,
            'make them sum to 1, so that the sum is a weighted mean in [0, 1]',
          );
        }
      }
      for (const part of parts) visit(part, true);
      return;
    }
    switch (node.kind) {
      case 'binary':
        visit(node.left, node.operator === '+' && inSum);
        visit(node.right, node.operator === '+' && inSum);
        return;
      case 'not':
      case 'negate':
        visit(node.operand, false);
        return;
      case 'call':
        for (const arg of node.args) visit(arg, false);
        return;
      case 'member':
        visit(node.object, false);
        return;
      default:
        return;
    }
  };
  visit(expression, false);
}
