import type { CostMeasure, LatencyStatistic } from '../stats/metric-reference.js';
import type {
  BinaryOperator,
  ComparisonOperator,
  ExpressionNode,
  LiteralNode,
  MetricNode,
  ObjectLiteral,
  PromptText,
  TemplatePart,
  TypeField,
  TypeNode,
} from './ast.js';
import { type CstNode, CstReader, unescapeString } from './cst-reader.js';
import { dedentParts } from './dedent.js';
import type { SourceSpan } from './source-span.js';

/** The measure each suffix of `cost` names: `cost` alone is the run's total. */
const costMeasures: Readonly<Record<string, CostMeasure>> = {
  '': 'total',
  _per_sample: 'per-sample',
  _per_success: 'per-success',
  _to_success: 'to-success',
};

/** The operator each binary rule stands for. */
const binaryOperators: Readonly<Record<string, BinaryOperator>> = {
  OrExpr_or: 'or',
  AndExpr_and: 'and',
  AddExpr_add: '+',
  AddExpr_subtract: '-',
  MulExpr_multiply: '*',
  MulExpr_divide: '/',
};

/** Joins adjacent text parts so that templates stay small. */
function mergeText(parts: readonly TemplatePart[]): TemplatePart[] {
  const merged: TemplatePart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (part.kind === 'text' && last?.kind === 'text')
      merged[merged.length - 1] = { kind: 'text', text: last.text + part.text };
    else merged.push(part);
  }
  return merged;
}

/** Builds the AST of a successfully matched `.prog` text. */
/**
 * The deepest an expression's tree may be, counting the grammar's levels (about ten per bracket, one per term of a
 * chain such as `a and b and …`): the builder and every pass over the tree recurse once per level.
 */
export const maxExpressionDepth = 1200;

/** Thrown by the builder when an expression is deeper than `maxExpressionDepth`; the parser makes it a diagnostic. */
export class ExpressionTooDeep extends Error {
  constructor(readonly span: SourceSpan) {
    super('expression too deep');
  }
}

/** Builds the parts of items: types, prompt texts and templates, metrics, expressions and literals. */
export class ValueBuilder extends CstReader {
  private expressionDepth = 0;

  // Types.

  protected type(node: CstNode, start: number): TypeNode {
    const [inner, innerStart] = this.only(node, start);
    switch (inner.ruleName) {
      case 'Type_enum':
        return this.enumType(...this.at(inner, innerStart, 0));
      case 'Type_array':
        return {
          kind: 'array',
          element: this.typeAtom(...this.at(inner, innerStart, 0)),
          span: this.span(inner, innerStart),
        };
      default:
        return this.typeAtom(inner, innerStart);
    }
  }

  protected typeAtom(node: CstNode, start: number): TypeNode {
    const [atom, atomStart] = this.only(node, start);
    const [inner, innerStart] = this.at(atom, atomStart, 0);
    switch (atom.ruleName) {
      case 'TypeAtom_object':
        return {
          kind: 'object',
          fields: this.list(...this.at(inner, innerStart, 1)).map(([field, fieldStart]) =>
            this.typeField(field, fieldStart),
          ),
          span: this.span(inner, innerStart),
        };
      case 'TypeAtom_primitive':
        return {
          kind: 'primitive',
          name: this.source(atom, atomStart) as 'string',
          span: this.span(atom, atomStart),
        };
      case 'TypeAtom_literal':
        return { kind: 'enum', values: [this.string(inner, innerStart)], span: this.span(atom, atomStart) };
      default:
        // `"(" Type ")"`.
        return this.type(...this.at(atom, atomStart, 1));
    }
  }

  /** `TypeField = ident "?"? ":" Type`: a field of an object type, or a tool's parameter. */
  protected typeField(node: CstNode, start: number): TypeField {
    return {
      name: this.ident(...this.at(node, start, 0)),
      optional: this.items(node, start, 1).length > 0,
      type: this.type(...this.at(node, start, 3)),
    };
  }

  protected enumType(node: CstNode, start: number): TypeNode {
    return {
      kind: 'enum',
      values: [
        this.string(...this.at(node, start, 0)),
        ...this.items(node, start, 2).map(([value, valueStart]) => this.string(value, valueStart)),
      ],
      span: this.span(node, start),
    };
  }

  // Prompt text.

  /** A `PromptText` node: a file, or a text block or one-line template written in place. */
  protected promptText(node: CstNode, start: number): PromptText {
    const [text, textStart] = this.only(node, start);
    if (text.ruleName === 'PromptText_file')
      return {
        kind: 'file',
        path: this.stringNode(...this.at(text, textStart, 1)),
        span: this.span(text, textStart),
      };
    // `TextValue = textBlock -- block | templateString -- line`.
    const [value, valueStart] = this.only(...this.only(text, textStart));
    const parts = value.ruleName === 'textBlock' ? this.textBlock(value, valueStart) : this.template(value, valueStart);
    return { kind: 'inline', parts, span: this.span(node, start) };
  }

  protected textBlock(node: CstNode, start: number): TemplatePart[] {
    const parts = this.items(node, start, 1).map(([part, partStart]): TemplatePart => {
      // `blockPart = interpolation | "\\{" -- brace | blockChar`.
      const [inner, innerStart] = this.only(part, partStart);
      if (inner.ruleName === 'interpolation') return this.interpolation(inner, innerStart);
      if (inner.ruleName === 'blockPart_brace') return { kind: 'text', text: '{' };
      return { kind: 'text', text: this.source(inner, innerStart) };
    });
    return mergeText(dedentParts(mergeText(parts)));
  }

  protected template(node: CstNode, start: number): TemplatePart[] {
    return mergeText(
      this.items(node, start, 1).map(([part, partStart]): TemplatePart => {
        // `templateStringPart = interpolation | templateText`.
        const [inner, innerStart] = this.only(part, partStart);
        if (inner.ruleName === 'interpolation') return this.interpolation(inner, innerStart);
        return { kind: 'text', text: unescapeString(this.source(inner, innerStart)) };
      }),
    );
  }

  protected interpolation(node: CstNode, start: number): TemplatePart {
    return {
      kind: 'interpolation',
      path: this.source(...this.at(node, start, 2)).split('.'),
      span: this.span(node, start),
    };
  }

  // Metrics.

  protected metric(node: CstNode, start: number): MetricNode {
    const [metric, metricStart] = this.only(node, start);
    const span = this.span(metric, metricStart);
    const digits = (index: number): number => {
      const [iteration, iterationStart] = this.at(metric, metricStart, index);
      return Number(this.source(iteration, iterationStart));
    };
    switch (metric.ruleName) {
      case 'metric_passInfinity':
        return { name: 'pass@inf', span };
      case 'metric_pass':
        return {
          name: this.source(...this.at(metric, metricStart, 1)) === '^' ? 'pass^k' : 'pass@k',
          k: digits(2),
          span,
        };
      case 'metric_max':
        return { name: 'max@k', k: digits(1), span };
      case 'metric_gPass':
        return { name: 'g-pass@k', k: digits(1), tau: this.number(...this.at(metric, metricStart, 3)), span };
      case 'metric_attempts':
        return { name: 'attempts', budget: digits(1), span };
      case 'metric_suiteK':
        return { name: 'suite-k', quantile: this.number(...this.at(metric, metricStart, 1)), span };
      case 'metric_meanScore':
        return { name: 'mean-score', span };
      case 'metric_errorRate':
        return { name: 'error-rate', span };
      case 'metric_cost':
        return {
          name: 'cost',
          measure: costMeasures[this.source(...this.at(metric, metricStart, 1))] ?? 'total',
          span,
        };
      case 'metric_tokensPerSample':
        return { name: 'tokens-per-sample', span };
      default:
        return {
          name: 'latency',
          statistic: this.source(...this.at(metric, metricStart, 0)) as LatencyStatistic,
          span,
        };
    }
  }

  // Expressions.

  /** Any expression rule: alternatives without a case name have one child, the alternative that matched. */
  protected expression(node: CstNode, start: number): ExpressionNode {
    if (++this.expressionDepth > maxExpressionDepth) throw new ExpressionTooDeep(this.span(node, start));
    try {
      return this.buildExpression(node, start);
    } finally {
      this.expressionDepth--;
    }
  }

  protected buildExpression(node: CstNode, start: number): ExpressionNode {
    const span = this.span(node, start);
    const at = (index: number): [CstNode, number] => this.at(node, start, index);
    const name = node.ruleName as string;
    const binary = binaryOperators[name];
    if (binary)
      return {
        kind: 'binary',
        operator: binary,
        left: this.expression(...at(0)),
        right: this.expression(...at(2)),
        span,
      };
    switch (name) {
      case 'NotExpr_not':
        return { kind: 'not', operand: this.expression(...at(1)), span };
      case 'CompareExpr_compare':
        return {
          kind: 'binary',
          operator: this.source(...at(1)) as ComparisonOperator,
          left: this.expression(...at(0)),
          right: this.expression(...at(2)),
          span,
        };
      case 'UnaryExpr_negate':
        return { kind: 'negate', operand: this.expression(...at(1)), span };
      case 'PostfixExpr_member':
        return { kind: 'member', object: this.expression(...at(0)), property: this.ident(...at(2)), span };
      case 'PostfixExpr_call':
        return {
          kind: 'call',
          callee: this.ident(...at(0)),
          args: this.list(...at(2)).map(([argument, argumentStart]) => this.expression(argument, argumentStart)),
          span,
        };
      case 'PrimaryExpr_paren':
        return this.expression(...at(1));
      case 'PrimaryExpr_name':
        return { kind: 'name', name: this.source(node, start), span };
      case 'PrimaryExpr_literal':
        return { kind: 'literal', literal: this.literal(...at(0)), span };
      default:
        return this.expression(...this.only(node, start));
    }
  }

  // Literals and tokens.

  /** A `Literal` node. */
  protected literal(node: CstNode, start: number): LiteralNode {
    const [literal, literalStart] = this.only(node, start);
    const span = this.span(literal, literalStart);
    switch (literal.ruleName) {
      case 'Object':
        return this.object(literal, literalStart);
      case 'Array':
        return {
          kind: 'array',
          items: this.list(...this.at(literal, literalStart, 1)).map(([item, itemStart]) =>
            this.literal(item, itemStart),
          ),
          span,
        };
      case 'Literal_string':
        return { kind: 'string', value: this.string(...this.at(literal, literalStart, 0)), span };
      case 'Literal_number':
        return { kind: 'number', value: this.number(...this.at(literal, literalStart, 0)), span };
      case 'Literal_true':
        return { kind: 'boolean', value: true, span };
      case 'Literal_false':
        return { kind: 'boolean', value: false, span };
      default:
        return { kind: 'null', span };
    }
  }

  /** An `Object` node: `{ name: literal, … }`. */
  protected object(node: CstNode, start: number): ObjectLiteral {
    return {
      kind: 'object',
      fields: this.list(...this.at(node, start, 1)).map(([field, fieldStart]) => {
        // `FieldName = ident | stringLiteral`.
        const [name, nameStart] = this.only(...this.at(field, fieldStart, 0));
        const [fieldName, fieldNameStart] = this.at(field, fieldStart, 0);
        return {
          name:
            name.ruleName === 'ident'
              ? this.ident(name, nameStart)
              : { name: this.string(name, nameStart), span: this.span(fieldName, fieldNameStart) },
          value: this.literal(...this.at(field, fieldStart, 2)),
        };
      }),
      span: this.span(node, start),
    };
  }
}
