import type { ComparisonOperator, ExpressionNode } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import { getOrCreate } from '../util/get-or-create.js';
import { builtinVerifiers } from './builtins.js';
import { quote } from './normalize-text.js';
import { type Score, scored, scoreError } from './score.js';
import type { Verifier, VerifierContext } from './verifier.js';

/** An evaluated sub-expression: a plain value, or a score with its verification trace. */
type Evaluated =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'score'; readonly score: Score };

/** Compares two numbers, or any two values for `==` and `!=` (by JSON equality). */
export function compare(left: unknown, operator: ComparisonOperator, right: unknown): boolean {
  switch (operator) {
    case '==':
      return JSON.stringify(left) === JSON.stringify(right);
    case '!=':
      return JSON.stringify(left) !== JSON.stringify(right);
    case '>=':
      return (left as number) >= (right as number);
    case '>':
      return (left as number) > (right as number);
    case '<=':
      return (left as number) <= (right as number);
    case '<':
      return (left as number) < (right as number);
    default:
      return operator satisfies never;
  }
}

class Evaluation {
  constructor(
    private readonly expressionText: (node: ExpressionNode) => string,
    private readonly context: VerifierContext,
  ) {}

  private details(node: ExpressionNode, name: string) {
    return { name, expression: this.expressionText(node), span: node.span };
  }

  /** A value read as a score: booleans are 0 or 1, numbers must lie in [0, 1]. */
  private asScore(evaluated: Evaluated, node: ExpressionNode): Score {
    if (evaluated.kind === 'score') return evaluated.score;
    const { value } = evaluated;
    const details = this.details(node, 'value');
    if (typeof value === 'boolean') return scored(value ? 1 : 0, details);
    if (typeof value === 'number') return scored(value, details);
    return scoreError(`expected a score or a boolean, got ${quote(JSON.stringify(value) ?? 'undefined')}`, details);
  }

  /** A score or value read as a number for arithmetic and comparison. */
  private asNumber(evaluated: Evaluated): number | undefined {
    if (evaluated.kind === 'score') return evaluated.score.value ?? undefined;
    return typeof evaluated.value === 'number' ? evaluated.value : undefined;
  }

  /** Combines part scores: an error or unscored part makes the whole error or unscored. */
  private combine(
    node: ExpressionNode,
    name: string,
    parts: Score[],
    compute: (values: number[]) => number,
  ): Evaluated {
    const details = { ...this.details(node, name), parts };
    const failed = parts.find((part) => part.status === 'error');
    if (failed) return { kind: 'score', score: scoreError(`${failed.name ?? 'part'}: ${failed.explanation}`, details) };
    if (parts.some((part) => part.status === 'unscored')) {
      return { kind: 'score', score: { ...details, value: null, status: 'unscored' } };
    }
    return { kind: 'score', score: scored(compute(parts.map((part) => part.value as number)), details) };
  }

  evaluate(node: ExpressionNode): Evaluated {
    switch (node.kind) {
      case 'literal':
        return { kind: 'value', value: literalValue(node.literal) };
      case 'name':
        return this.name(node);
      case 'member': {
        const object = this.evaluate(node.object);
        if (object.kind === 'score') return { kind: 'value', value: undefined };
        const value = object.value;
        const property =
          value !== null && typeof value === 'object' && Object.hasOwn(value, node.property.name)
            ? (value as Record<string, unknown>)[node.property.name]
            : undefined;
        return { kind: 'value', value: property };
      }
      case 'call':
        return this.call(node, node.callee.name, node.args);
      case 'not': {
        const operand = this.asScore(this.evaluate(node.operand), node.operand);
        return this.combine(node, 'not', [operand], ([value]) => 1 - (value as number));
      }
      case 'negate': {
        const operand = this.evaluate(node.operand);
        const value = this.asNumber(operand);
        return { kind: 'value', value: value === undefined ? undefined : -value };
      }
      case 'binary':
        return this.binary(node);
      default:
        return node satisfies never;
    }
  }

  private name(node: Extract<ExpressionNode, { kind: 'name' }>): Evaluated {
    if (node.name === 'output') return { kind: 'value', value: this.context.output };
    if (node.name === 'expected') return { kind: 'value', value: this.context.expected };
    if (builtinVerifiers.has(node.name)) return this.call(node, node.name, []);
    return { kind: 'value', value: this.context.inputs[node.name] };
  }

  private call(node: ExpressionNode, name: string, args: readonly ExpressionNode[]): Evaluated {
    const verifier = builtinVerifiers.get(name);
    const details = this.details(node, name);
    if (!verifier) return { kind: 'score', score: scoreError(`unknown verifier \`${name}\``, details) };
    const values = args.map((arg) => {
      const evaluated = this.evaluate(arg);
      return evaluated.kind === 'score' ? evaluated.score.value : evaluated.value;
    });
    const [value, argument] =
      values.length === 2
        ? values
        : values.length === 1
          ? [this.context.output, values[0]]
          : [this.context.output, this.context.expected];
    try {
      return { kind: 'score', score: { ...verifier.score(value, argument), ...details } };
    } catch (error) {
      return { kind: 'score', score: scoreError(`${name} failed: ${(error as Error).message}`, details) };
    }
  }

  private binary(node: Extract<ExpressionNode, { kind: 'binary' }>): Evaluated {
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    switch (node.operator) {
      case 'and':
        return this.combine(node, 'and', [this.asScore(left, node.left), this.asScore(right, node.right)], (values) =>
          Math.min(...values),
        );
      case 'or':
        return this.combine(node, 'or', [this.asScore(left, node.left), this.asScore(right, node.right)], (values) =>
          Math.max(...values),
        );
      case '+':
      case '-':
      case '*':
      case '/':
        return this.arithmetic(node, node.operator, left, right);
      default: {
        const operator = node.operator;
        const scores = [left, right].filter((side) => side.kind === 'score').map((side) => side.score);
        const leftValue = left.kind === 'score' ? left.score.value : left.value;
        const rightValue = right.kind === 'score' ? right.score.value : right.value;
        if (scores.length > 0) {
          return this.combine(node, operator, scores, () => (compare(leftValue, operator, rightValue) ? 1 : 0));
        }
        return {
          kind: 'score',
          score: scored(compare(leftValue, operator, rightValue) ? 1 : 0, this.details(node, operator)),
        };
      }
    }
  }

  private arithmetic(
    node: ExpressionNode,
    operator: '+' | '-' | '*' | '/',
    left: Evaluated,
    right: Evaluated,
  ): Evaluated {
    const apply = (a: number, b: number) =>
      operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : a / b;
    const scores = [left, right].filter((side) => side.kind === 'score').map((side) => side.score);
    if (scores.length > 0) {
      const leftNumber = this.asNumber(left);
      const rightNumber = this.asNumber(right);
      return this.combine(node, operator, scores, () => apply(leftNumber ?? Number.NaN, rightNumber ?? Number.NaN));
    }
    const a = this.asNumber(left);
    const b = this.asNumber(right);
    return { kind: 'value', value: a === undefined || b === undefined ? undefined : apply(a, b) };
  }

  run(node: ExpressionNode): Score {
    return this.asScore(this.evaluate(node), node);
  }
}

/**
 * Compiles a `verify` expression into a verifier. `source` is the text of the file the expression came from,
 * so that each part of the score can name the expression that made it. Names must have been checked already.
 */
export function compileVerifier(expression: ExpressionNode, source: string): Verifier {
  const texts = new Map<ExpressionNode, string>();
  const expressionText = (node: ExpressionNode) =>
    getOrCreate(texts, node, () => source.slice(node.span.start, node.span.end));
  return (context) => {
    try {
      return new Evaluation(expressionText, context).run(expression);
    } catch (error) {
      return scoreError(`the verifier failed: ${(error as Error).message}`, {
        expression: source.slice(expression.span.start, expression.span.end),
        span: expression.span,
      });
    }
  };
}
