import type * as ohm from 'ohm-js';
import type {
  ArgumentValueNode,
  BinaryOperator,
  CallArgumentNode,
  ComparisonOperator,
  DocumentNode,
  ExpectItem,
  ExpressionNode,
  Identifier,
  ImportItem,
  ItemNode,
  JudgeItem,
  LiteralNode,
  MetricNode,
  ObjectLiteral,
  ProgramNode,
  PromptText,
  SampleSettingName,
  StepItem,
  StringNode,
  TemplatePart,
  TypeNode,
} from './ast.js';
import { dedentParts } from './dedent.js';
import type { SourceSpan } from './source-span.js';

// The AST is built by walking ohm's concrete syntax tree directly rather than through an ohm semantics: a semantics
// wraps every node it visits in an object of its own and dispatches each action through it, which cost about a
// third of parsing a typical file. The tree's shape is ohm's: a rule application is a nonterminal node whose
// children are its body's bindings; a `*`, `+` or `?` is an iteration node per column; a terminal is a length.
// A nonterminal's children, and the items of every iteration inside its body, are placed by offsets from the
// nonterminal's own start.

/** A node of ohm's concrete syntax tree, as the walk reads it. */
export interface CstNode {
  readonly matchLength: number;
  /** The rule's name, on a nonterminal. */
  readonly ruleName?: string;
  readonly children?: readonly CstNode[];
  readonly childOffsets?: readonly number[];
}

/** The tree of a successful match, and where its root starts. */
export function cstOf(match: ohm.MatchResult): { root: CstNode; start: number } {
  const internal = match as unknown as { _cst: CstNode; _cstOffset: number };
  return { root: internal._cst, start: internal._cstOffset };
}

/** A cache of items' ASTs by their CST node, which ohm's incremental matcher keeps while their text is unchanged. */
export interface ItemCache {
  item(node: CstNode, start: number, build: () => ItemNode): ItemNode;
}

/** The operator each binary rule stands for. */
const binaryOperators: Readonly<Record<string, BinaryOperator>> = {
  OrExpr_or: 'or',
  AndExpr_and: 'and',
  AddExpr_add: '+',
  AddExpr_subtract: '-',
  MulExpr_multiply: '*',
  MulExpr_divide: '/',
};

function unescapeString(text: string): string {
  return text.replace(/\\(.)/g, (_, character: string) => {
    switch (character) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return character;
    }
  });
}

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

export class AstBuilder {
  private expressionDepth = 0;

  constructor(
    private readonly text: string,
    private readonly cache?: ItemCache,
  ) {}

  document(match: ohm.MatchResult): DocumentNode {
    const { root, start } = cstOf(match);
    return this.documentNode(root, start);
  }

  // Reading the tree.

  /** Child `index` of the nonterminal `node` at `start`, with its start. */
  private at(node: CstNode, start: number, index: number): [CstNode, number] {
    return [
      (node.children as readonly CstNode[])[index] as CstNode,
      start + ((node.childOffsets as readonly number[])[index] as number),
    ];
  }

  /**
   * The items of the iteration that is child `index` of the nonterminal at `start`, each with its start: they are
   * placed from the nonterminal's start, as the iteration itself is.
   */
  private items(node: CstNode, start: number, index: number): [CstNode, number][] {
    const iteration = (node.children as readonly CstNode[])[index] as CstNode;
    const children = iteration.children as readonly CstNode[];
    const offsets = iteration.childOffsets as readonly number[];
    const items: [CstNode, number][] = [];
    for (let item = 0; item < children.length; item++)
      items.push([children[item] as CstNode, start + (offsets[item] as number)]);
    return items;
  }

  /** The elements of a `ListOf` or `NonemptyListOf` node at `start`. */
  private list(node: CstNode, start: number): [CstNode, number][] {
    if (node.ruleName === 'ListOf') return this.list(...this.at(node, start, 0));
    if (node.ruleName === 'EmptyListOf') return [];
    return [this.at(node, start, 0), ...this.items(node, start, 2)];
  }

  /** The only child of a nonterminal that stands for one of its alternatives. */
  private only(node: CstNode, start: number): [CstNode, number] {
    return this.at(node, start, 0);
  }

  private source(node: CstNode, start: number): string {
    return this.text.slice(start, start + node.matchLength);
  }

  private span(node: CstNode, start: number): SourceSpan {
    return { start, end: start + node.matchLength };
  }

  // The document and its items.

  private documentNode(node: CstNode, start: number): DocumentNode {
    const [header, headerStart] = this.at(node, start, 0);
    const [version, versionStart] = this.at(header, headerStart, 1);
    return {
      kind: 'document',
      version: { value: Number(this.source(version, versionStart)), span: this.span(version, versionStart) },
      imports: this.items(node, start, 1).map(([item, itemStart]) => this.importItem(item, itemStart)),
      program: this.program(...this.at(node, start, 2)),
      span: this.span(node, start),
    };
  }

  private importItem(node: CstNode, start: number): ImportItem {
    return {
      kind: 'import',
      names: this.list(...this.at(node, start, 2)).map(([name, nameStart]) => this.ident(name, nameStart)),
      from: this.stringNode(...this.at(node, start, 6)),
      span: this.span(node, start),
    };
  }

  private program(node: CstNode, start: number): ProgramNode {
    const description = this.items(node, start, 2)[0];
    return {
      kind: 'program',
      name: this.ident(...this.at(node, start, 1)),
      ...(description ? { description: this.string(...description) } : {}),
      items: this.items(node, start, 3).map(([item, itemStart]) => this.itemNode(item, itemStart)),
      span: this.span(node, start),
    };
  }

  /** An `Item` node: its one child is the item itself. */
  private itemNode(node: CstNode, start: number): ItemNode {
    const [item, itemStart] = this.only(node, start);
    if (this.cache) return this.cache.item(node, start, () => this.item(item, itemStart));
    return this.item(item, itemStart);
  }

  private item(node: CstNode, start: number): ItemNode {
    const span = this.span(node, start);
    const at = (index: number): [CstNode, number] => this.at(node, start, index);
    switch (node.ruleName) {
      case 'ModelItem':
        return { kind: 'model', interpreterId: this.string(...at(1)), span };
      case 'InputItem': {
        const defaultValue = this.items(node, start, 4)[0];
        return {
          kind: 'input',
          name: this.ident(...at(1)),
          type: this.type(...at(3)),
          // `InputDefault = "=" Literal`.
          ...(defaultValue ? { defaultValue: this.literal(...this.at(...defaultValue, 1)) } : {}),
          span,
        };
      }
      case 'OutputItem':
        return { kind: 'output', type: this.type(...at(1)), span };
      case 'MessageItem':
        return {
          kind: 'message',
          role: this.source(...at(0)) === 'system' ? 'system' : 'user',
          text: this.promptText(...at(1)),
          span,
        };
      case 'StepItem':
        return { kind: 'step', name: this.ident(...at(1)), body: this.stepBody(...at(3)), span };
      case 'JudgeItem':
        return {
          kind: 'judge',
          name: this.ident(...at(1)),
          settings: this.items(node, start, 2).map(([setting, settingStart]) =>
            this.judgeSetting(setting, settingStart),
          ),
          rubric: this.promptText(...at(3)),
          span,
        };
      case 'VerifyItem':
        return { kind: 'verify', expression: this.expression(...at(1)), span };
      case 'RequireItem':
        return { kind: 'require', expression: this.expression(...at(1)), span };
      case 'PassWhenItem':
        return {
          kind: 'pass-when',
          operator: this.source(...at(3)) as ComparisonOperator,
          threshold: this.number(...at(4)),
          span,
        };
      case 'CaseItem':
        return this.caseItem(node, start);
      case 'CasesFromItem': {
        const mapping = this.items(node, start, 3)[0];
        return {
          kind: 'cases-from',
          path: this.stringNode(...at(2)),
          ...(mapping ? { mapping: this.object(...mapping) } : {}),
          span,
        };
      }
      case 'SampleItem': {
        const [count, countStart] = at(1);
        return {
          kind: 'sample',
          count: { value: Number(this.source(count, countStart)), span: this.span(count, countStart) },
          settings: this.items(node, start, 2).map(([setting, settingStart]) => ({
            name: this.source(...this.at(setting, settingStart, 0)) as SampleSettingName,
            value: this.number(...this.at(setting, settingStart, 1)),
            span: this.span(setting, settingStart),
          })),
          span,
        };
      }
      case 'ExpectItem':
        return {
          kind: 'expect',
          metric: this.metric(...at(1)),
          operator: this.source(...at(2)) as ComparisonOperator,
          threshold: this.number(...at(3)),
          span,
        };
      default:
        throw new Error(`no AST for the item rule ${node.ruleName}`);
    }
  }

  private caseItem(node: CstNode, start: number): ItemNode {
    // `"case" stringLiteral Object CaseExpected? (#sameLineExpect metric comparisonOperator number)*`.
    const [id, idStart] = this.at(node, start, 1);
    const expected = this.items(node, start, 3)[0];
    const keywords = this.items(node, start, 4);
    const metrics = this.items(node, start, 5);
    const operators = this.items(node, start, 6);
    const thresholds = this.items(node, start, 7);
    return {
      kind: 'case',
      id: { value: this.string(id, idStart), span: this.span(id, idStart) },
      inputs: this.object(...this.at(node, start, 2)),
      // `CaseExpected = "->" Literal`.
      ...(expected ? { expected: this.literal(...this.at(...expected, 1)) } : {}),
      expectations: metrics.map(([metric, metricStart], index) => {
        const [keyword, keywordStart] = keywords[index] as [CstNode, number];
        const [operator, operatorStart] = operators[index] as [CstNode, number];
        const [threshold, thresholdStart] = thresholds[index] as [CstNode, number];
        const expectStart = keywordStart + this.source(keyword, keywordStart).indexOf('expect');
        return {
          kind: 'expect',
          metric: this.metric(metric, metricStart),
          operator: this.source(operator, operatorStart) as ComparisonOperator,
          threshold: this.number(threshold, thresholdStart),
          span: { start: expectStart, end: thresholdStart + threshold.matchLength },
        } satisfies ExpectItem;
      }),
      span: this.span(node, start),
    };
  }

  private stepBody(node: CstNode, start: number): StepItem['body'] {
    const [body, bodyStart] = this.only(node, start);
    if (body.ruleName !== 'StepBody_call') return { kind: 'prompt', text: this.promptText(body, bodyStart) };
    return {
      kind: 'call',
      callee: this.ident(...this.at(body, bodyStart, 0)),
      args: this.list(...this.at(body, bodyStart, 2)).map(([argument, argumentStart]) =>
        this.callArgument(argument, argumentStart),
      ),
    };
  }

  private callArgument(node: CstNode, start: number): CallArgumentNode {
    const [argument, argumentStart] = this.only(node, start);
    if (argument.ruleName === 'CallArgument_named') {
      return {
        name: this.ident(...this.at(argument, argumentStart, 0)),
        value: this.argumentValue(...this.at(argument, argumentStart, 2)),
        span: this.span(argument, argumentStart),
      };
    }
    return { value: this.argumentValue(argument, argumentStart), span: this.span(node, start) };
  }

  /** `ArgumentValue = Literal -- literal | ValuePath`. */
  private argumentValue(node: CstNode, start: number): ArgumentValueNode {
    const [value, valueStart] = this.only(node, start);
    const span = this.span(value, valueStart);
    if (value.ruleName === 'ArgumentValue_literal')
      return { kind: 'literal', literal: this.literal(...this.at(value, valueStart, 0)), span };
    return {
      kind: 'path',
      path: this.source(value, valueStart)
        .split('.')
        .map((part) => part.trim()),
      span,
    };
  }

  private judgeSetting(node: CstNode, start: number): JudgeItem['settings'][number] {
    const [setting, settingStart] = this.only(node, start);
    const span = this.span(setting, settingStart);
    const [value, valueStart] = this.at(setting, settingStart, 1);
    switch (setting.ruleName) {
      case 'JudgeSetting_model':
        return { name: 'model', value: this.string(value, valueStart), span };
      case 'JudgeSetting_samples':
        return { name: 'samples', value: Number(this.source(value, valueStart)), span };
      default:
        return {
          name: this.source(...this.at(setting, settingStart, 0)) as SampleSettingName,
          value: this.number(value, valueStart),
          span,
        };
    }
  }

  // Types.

  private type(node: CstNode, start: number): TypeNode {
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

  private typeAtom(node: CstNode, start: number): TypeNode {
    const [atom, atomStart] = this.only(node, start);
    const [inner, innerStart] = this.at(atom, atomStart, 0);
    switch (atom.ruleName) {
      case 'TypeAtom_object':
        return {
          kind: 'object',
          fields: this.list(...this.at(inner, innerStart, 1)).map(([field, fieldStart]) => ({
            name: this.ident(...this.at(field, fieldStart, 0)),
            optional: this.items(field, fieldStart, 1).length > 0,
            type: this.type(...this.at(field, fieldStart, 3)),
          })),
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

  private enumType(node: CstNode, start: number): TypeNode {
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
  private promptText(node: CstNode, start: number): PromptText {
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

  private textBlock(node: CstNode, start: number): TemplatePart[] {
    const parts = this.items(node, start, 1).map(([part, partStart]): TemplatePart => {
      // `blockPart = interpolation | "\\{" -- brace | blockChar`.
      const [inner, innerStart] = this.only(part, partStart);
      if (inner.ruleName === 'interpolation') return this.interpolation(inner, innerStart);
      if (inner.ruleName === 'blockPart_brace') return { kind: 'text', text: '{' };
      return { kind: 'text', text: this.source(inner, innerStart) };
    });
    return mergeText(dedentParts(mergeText(parts)));
  }

  private template(node: CstNode, start: number): TemplatePart[] {
    return mergeText(
      this.items(node, start, 1).map(([part, partStart]): TemplatePart => {
        // `templateStringPart = interpolation | templateText`.
        const [inner, innerStart] = this.only(part, partStart);
        if (inner.ruleName === 'interpolation') return this.interpolation(inner, innerStart);
        return { kind: 'text', text: unescapeString(this.source(inner, innerStart)) };
      }),
    );
  }

  private interpolation(node: CstNode, start: number): TemplatePart {
    return {
      kind: 'interpolation',
      path: this.source(...this.at(node, start, 2)).split('.'),
      span: this.span(node, start),
    };
  }

  // Metrics.

  private metric(node: CstNode, start: number): MetricNode {
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
      case 'metric_meanScore':
        return { name: 'mean-score', span };
      default:
        return { name: 'error-rate', span };
    }
  }

  // Expressions.

  /** Any expression rule: alternatives without a case name have one child, the alternative that matched. */
  private expression(node: CstNode, start: number): ExpressionNode {
    if (++this.expressionDepth > maxExpressionDepth) throw new ExpressionTooDeep(this.span(node, start));
    try {
      return this.buildExpression(node, start);
    } finally {
      this.expressionDepth--;
    }
  }

  private buildExpression(node: CstNode, start: number): ExpressionNode {
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
  private literal(node: CstNode, start: number): LiteralNode {
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
  private object(node: CstNode, start: number): ObjectLiteral {
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

  private ident(node: CstNode, start: number): Identifier {
    return { name: this.source(node, start), span: this.span(node, start) };
  }

  /** The value of a `stringLiteral` node. */
  private string(node: CstNode, start: number): string {
    return unescapeString(this.text.slice(start + 1, start + node.matchLength - 1));
  }

  private stringNode(node: CstNode, start: number): StringNode {
    return { value: this.string(node, start), span: this.span(node, start) };
  }

  private number(node: CstNode, start: number): number {
    return Number(this.source(node, start));
  }
}
