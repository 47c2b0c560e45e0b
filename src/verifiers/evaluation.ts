import { type Score, scored, scoreError } from '../contracts/score.js';
import type { ExpressionNode } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import type { BuiltinVerifier } from './builtin-verifier.js';
import { builtinVerifiers } from './builtins.js';
import { checkedScore, isPromise } from './checked-score.js';
import { compare } from './compare.js';
import type { CompileVerifierOptions } from './compile-verifier-options.js';
import type { CompiledCalls } from './compiled-calls.js';
import { describeValue, quote } from './normalize-text.js';
import { readTrajectory, type TrajectoryReading } from './trajectory/trajectory-view.js';
import type { VerifierContext } from './verifier.js';
import { isModuleVerifier } from './verifier-module.js';

/** A trajectory verifier called on a sample that has no trajectory: an error score, not a failure of the verifier. */
class NoTrajectory extends Error {}

/**
 * An evaluated sub-expression: a plain value, or a score with its verification trace. Arithmetic on scores may
 * leave [0, 1] on the way (`a + b` in `(a + b) / 2`): such a score is `outOfRange`, fine as a number and as a part
 * of the trace, and an error only where it is read as a score.
 */
type Evaluated =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'score'; readonly score: Score; readonly outOfRange?: true };

/**
 * One evaluation of a compiled expression for one sample: evaluates it, settles the calls of asynchronous verifiers
 * and judges, and evaluates again until nothing is pending.
 */
export class Evaluation {
  /** Calls whose verifier returned a promise in this pass. */
  private readonly pending = new Map<ExpressionNode, { readonly name: string; readonly promise: PromiseLike<Score> }>();
  /** Scores of asynchronous calls settled in earlier passes. */
  private readonly settled = new Map<ExpressionNode, Score>();
  /** The sample's trajectory, read once when the expression first needs it. */
  private trajectoryReading: TrajectoryReading | undefined;

  constructor(
    private readonly expressionText: (node: ExpressionNode) => string,
    private readonly context: VerifierContext,
    private readonly compiled: CompiledCalls,
    private readonly options: CompileVerifierOptions,
  ) {}

  private trajectory(): TrajectoryReading {
    this.trajectoryReading ??= readTrajectory(this.context.trace);
    return this.trajectoryReading;
  }

  private verifierOf(name: string): BuiltinVerifier | undefined {
    return builtinVerifiers.get(name) ?? this.options.verifiers?.get(name);
  }

  private details(node: ExpressionNode, name: string) {
    return { name, expression: this.expressionText(node), span: node.span };
  }

  /** A value read as a score: booleans are 0 or 1, numbers must lie in [0, 1]. */
  private asScore(evaluated: Evaluated, node: ExpressionNode): Score {
    if (evaluated.kind === 'score') {
      if (!evaluated.outOfRange) return evaluated.score;
      const { value, status: _status, explanation: _explanation, ...details } = evaluated.score;
      return scoreError(
        `\`${this.expressionText(node)}\` is ${value}, outside [0, 1]: divide a sum by its count, or weigh its parts`,
        details,
      );
    }
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
        // A field of a value that could not be read (no trajectory) carries the reason on.
        if (object.kind === 'score')
          return object.score.status === 'error' ? object : { kind: 'value', value: undefined };
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
    const { name } = node;
    if (name === 'output') return { kind: 'value', value: this.context.output };
    if (name === 'expected') return { kind: 'value', value: this.context.expected };
    if (name === 'steps') return { kind: 'value', value: this.context.steps };
    if (this.verifierOf(name)) return this.call(node, name, []);
    if (this.options.judgeNames?.has(name) || this.options.judges?.has(name)) return this.judge(node, name);
    if (Object.hasOwn(this.context.inputs, name)) return { kind: 'value', value: this.context.inputs[name] };
    if (Object.hasOwn(this.context.steps, name)) return { kind: 'value', value: this.context.steps[name] };
    if (name === 'trajectory') {
      const reading = this.trajectory();
      return reading.ok
        ? { kind: 'value', value: reading.view }
        : { kind: 'score', score: scoreError(`there is no trajectory: ${reading.problem}`, this.details(node, name)) };
    }
    return { kind: 'value', value: undefined };
  }

  /** A judge's verdict on the sample; an error score when the run has no runtime for it. */
  private judge(node: ExpressionNode, name: string): Evaluated {
    const details = this.details(node, name);
    const settled = this.settled.get(node);
    if (settled) return { kind: 'score', score: settled };
    const judge = this.options.judges?.get(name);
    if (!judge) {
      return {
        kind: 'score',
        score: scoreError(`judge \`${name}\` cannot run here: no judge runtime was given`, details),
      };
    }
    try {
      const result = judge(this.context);
      if (isPromise(result)) {
        this.pending.set(node, { name, promise: result });
        return { kind: 'score', score: { ...details, value: null, status: 'unscored' } };
      }
      return { kind: 'score', score: checkedScore(result, details) };
    } catch (error) {
      return { kind: 'score', score: scoreError(`judge ${name} failed: ${(error as Error).message}`, details) };
    }
  }

  private call(node: ExpressionNode, name: string, args: readonly ExpressionNode[]): Evaluated {
    const verifier = this.verifierOf(name);
    const details = this.details(node, name);
    if (!verifier) return { kind: 'score', score: scoreError(`unknown verifier \`${name}\``, details) };
    const settled = this.settled.get(node);
    if (settled) return { kind: 'score', score: settled };
    try {
      const { values, options } = this.arguments(verifier, node, args);
      const result = isModuleVerifier(verifier)
        ? verifier.scoreInContext(this.context, values, options)
        : verifier.score(values, options);
      if (isPromise(result)) {
        // Finished by `run` once every pending call of this pass has settled.
        this.pending.set(node, { name, promise: result });
        return { kind: 'score', score: { ...details, value: null, status: 'unscored' } };
      }
      return { kind: 'score', score: checkedScore(result, details) };
    } catch (error) {
      const message =
        error instanceof NoTrajectory
          ? `\`${name}\` reads the trajectory, and there is none: ${error.message}`
          : `${name} failed: ${(error as Error).message}`;
      return { kind: 'score', score: scoreError(message, details) };
    }
  }

  /** The checked value a call left out: the program's output, or the sample's trajectory. */
  private subject(verifier: BuiltinVerifier): unknown {
    if (verifier.subject !== 'trajectory') return this.context.output;
    const reading = this.trajectory();
    if (!reading.ok) throw new NoTrajectory(reading.problem);
    return reading.view;
  }

  /** The evaluated arguments of a call, one per parameter, and its parsed options; throws on a wrong type. */
  private arguments(verifier: BuiltinVerifier, node: ExpressionNode, args: readonly ExpressionNode[]) {
    const bound = this.compiled.bound(verifier, node, args);
    const values = bound.sources.map((source, index) => {
      switch (source.kind) {
        case 'argument': {
          const evaluated = this.evaluate(source.node);
          const value = evaluated.kind === 'score' ? evaluated.score.value : evaluated.value;
          const parameter = verifier.parameters[index];
          if (index > 0 && parameter?.schema && !parameter.schema.safeParse(value).success) {
            throw new Error(`\`${parameter.name}\` must be ${parameter.type}, got ${describeValue(value)}`);
          }
          return value;
        }
        case 'output':
          return this.subject(verifier);
        case 'expected':
          return this.context.expected;
        case 'absent':
          return undefined;
        case 'missing':
          throw new Error(`missing argument \`${verifier.parameters[index]?.name}\``);
        default:
          return source satisfies never;
      }
    });
    return { values, options: this.compiled.options(verifier, node, bound) };
  }

  /** Settles the calls that returned promises in the last pass; a rejection becomes an error score. */
  async settle(): Promise<void> {
    const pending = [...this.pending];
    this.pending.clear();
    await Promise.all(
      pending.map(async ([node, { name, promise }]) => {
        const details = this.details(node, name);
        try {
          this.settled.set(node, checkedScore(await promise, details));
        } catch (error) {
          this.settled.set(node, scoreError(`${details.name} failed: ${(error as Error).message}`, details));
        }
      }),
    );
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
      const combined = this.combine(node, operator, scores, () => 0);
      if (combined.kind !== 'score' || combined.score.status !== 'scored') return combined;
      const value = apply(this.asNumber(left) ?? Number.NaN, this.asNumber(right) ?? Number.NaN);
      const { explanation: _explanation, ...details } = combined.score;
      if (!Number.isFinite(value)) {
        return { kind: 'score', score: scoreError(`\`${this.expressionText(node)}\` is ${value}`, details) };
      }
      return value >= 0 && value <= 1
        ? { kind: 'score', score: { ...details, value } }
        : { kind: 'score', score: { ...details, value }, outOfRange: true };
    }
    const a = this.asNumber(left);
    const b = this.asNumber(right);
    return { kind: 'value', value: a === undefined || b === undefined ? undefined : apply(a, b) };
  }

  /** Evaluates the expression; when some verifier is asynchronous, settles it and evaluates again. */
  run(node: ExpressionNode): Score | Promise<Score> {
    const score = this.asScore(this.evaluate(node), node);
    if (this.pending.size === 0) return score;
    return this.runAgain(node);
  }

  private async runAgain(node: ExpressionNode): Promise<Score> {
    // Each pass settles at least one more call, so this ends within the depth of nested asynchronous calls.
    while (this.pending.size > 0) {
      await this.settle();
      const score = this.asScore(this.evaluate(node), node);
      if (this.pending.size === 0) return score;
    }
    return this.asScore(this.evaluate(node), node);
  }
}
