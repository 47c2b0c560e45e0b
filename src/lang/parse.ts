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
  LiteralNode,
  MetricNode,
  ObjectLiteral,
  PromptText,
  SampleSettingName,
  StringNode,
  TemplatePart,
  TypeNode,
} from './ast.js';
import { commonMistake } from './common-mistake.js';
import { dedentParts } from './dedent.js';
import type { Diagnostic } from './diagnostic.js';
import { itemKeywords, progGrammar } from './grammar.js';
import type { SourceSpan } from './source-span.js';
import { suggest } from './suggest.js';

/** What parsing a file gives: the document when the text is well formed, and every diagnostic found. */
export interface ParseResult {
  readonly document?: DocumentNode;
  readonly diagnostics: readonly Diagnostic[];
}

function spanOf(node: ohm.Node): SourceSpan {
  return { start: node.source.startIdx, end: node.source.endIdx };
}

function stringNode(node: ohm.Node): StringNode {
  return { value: node.ast() as string, span: spanOf(node) };
}

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

function binary(operator: BinaryOperator) {
  return function (this: ohm.Node, left: ohm.Node, _operator: ohm.Node, right: ohm.Node): ExpressionNode {
    return { kind: 'binary', operator, left: left.ast(), right: right.ast(), span: spanOf(this) };
  };
}

/** The semantics that builds the AST; exported so that the incremental parser can extend it. */
export const semantics: ohm.Semantics = progGrammar.createSemantics().addOperation<unknown>('ast', {
  Document(header, imports, program, _end): DocumentNode {
    return {
      kind: 'document',
      version: header.ast(),
      imports: imports.children.map((item) => item.ast()),
      program: program.ast(),
      span: spanOf(this),
    };
  },
  ImportItem(_import, _open, names, _comma, _close, _from, path): ImportItem {
    return {
      kind: 'import',
      names: names.asIteration().children.map((name) => name.ast()),
      from: stringNode(path),
      span: spanOf(this),
    };
  },
  Header(_prog, version) {
    return { value: Number(version.sourceString), span: spanOf(version) };
  },
  Program(_program, name, description, items) {
    const descriptionNode = description.children[0];
    return {
      kind: 'program',
      name: name.ast(),
      ...(descriptionNode ? { description: descriptionNode.ast() } : {}),
      items: items.children.map((item) => item.ast()),
      span: spanOf(this),
    };
  },
  ModelItem(_model, id): ItemNode {
    return { kind: 'model', interpreterId: id.ast(), span: spanOf(this) };
  },
  InputItem(_input, name, _colon, type, defaultValue): ItemNode {
    const defaultNode = defaultValue.children[0];
    return {
      kind: 'input',
      name: name.ast(),
      type: type.ast(),
      ...(defaultNode ? { defaultValue: defaultNode.ast() } : {}),
      span: spanOf(this),
    };
  },
  InputDefault(_equals, literal) {
    return literal.ast();
  },
  OutputItem(_output, type): ItemNode {
    return { kind: 'output', type: type.ast(), span: spanOf(this) };
  },
  Type_enum(enumType): TypeNode {
    return enumType.ast();
  },
  Type_array(element, _open, _close): TypeNode {
    return { kind: 'array', element: element.ast(), span: spanOf(this) };
  },
  TypeAtom_object(objectType): TypeNode {
    return objectType.ast();
  },
  TypeAtom_primitive(primitive): TypeNode {
    return { kind: 'primitive', name: primitive.sourceString as 'string', span: spanOf(this) };
  },
  TypeAtom_literal(value): TypeNode {
    return { kind: 'enum', values: [value.ast()], span: spanOf(this) };
  },
  TypeAtom_paren(_open, type, _close): TypeNode {
    return type.ast();
  },
  ObjectType(_open, fields, _comma, _close): TypeNode {
    return { kind: 'object', fields: fields.asIteration().children.map((field) => field.ast()), span: spanOf(this) };
  },
  TypeField(name, optional, _colon, type) {
    return { name: name.ast(), optional: optional.sourceString === '?', type: type.ast() };
  },
  EnumType(first, _bars, rest): TypeNode {
    return { kind: 'enum', values: [first.ast(), ...rest.children.map((value) => value.ast())], span: spanOf(this) };
  },
  MessageItem(role, text): ItemNode {
    return {
      kind: 'message',
      role: role.sourceString === 'system' ? 'system' : 'user',
      text: text.ast(),
      span: spanOf(this),
    };
  },
  PromptText_file(_from, path): PromptText {
    return { kind: 'file', path: stringNode(path), span: spanOf(this) };
  },
  PromptText(text): PromptText {
    if (text.ctorName === 'PromptText_file') return text.ast();
    return { kind: 'inline', parts: text.ast(), span: spanOf(this) };
  },
  StepItem(_step, name, _equals, body): ItemNode {
    return { kind: 'step', name: name.ast(), body: body.ast(), span: spanOf(this) };
  },
  StepBody_call(callee, _open, args, _close) {
    return { kind: 'call', callee: callee.ast(), args: args.asIteration().children.map((arg) => arg.ast()) };
  },
  StepBody(body) {
    if (body.ctorName === 'StepBody_call') return body.ast();
    return { kind: 'prompt', text: body.ast() };
  },
  CallArgument_named(name, _colon, value): CallArgumentNode {
    return { name: name.ast(), value: value.ast(), span: spanOf(this) };
  },
  CallArgument(value): CallArgumentNode {
    if (value.ctorName === 'CallArgument_named') return value.ast();
    return { value: value.ast(), span: spanOf(this) };
  },
  ArgumentValue_literal(literal): ArgumentValueNode {
    return { kind: 'literal', literal: literal.ast(), span: spanOf(this) };
  },
  ValuePath(_first, _dots, _rest): ArgumentValueNode {
    return { kind: 'path', path: this.sourceString.split('.').map((part) => part.trim()), span: spanOf(this) };
  },
  JudgeItem(_judge, name, settings, rubric): ItemNode {
    return {
      kind: 'judge',
      name: name.ast(),
      settings: settings.children.map((setting) => setting.ast()),
      rubric: rubric.ast(),
      span: spanOf(this),
    };
  },
  JudgeSetting_model(_model, value) {
    return { name: 'model', value: value.ast(), span: spanOf(this) };
  },
  JudgeSetting_samples(_samples, count) {
    return { name: 'samples', value: Number(count.sourceString), span: spanOf(this) };
  },
  JudgeSetting_setting(name, value) {
    return { name: name.sourceString as SampleSettingName, value: value.ast(), span: spanOf(this) };
  },
  TextValue_block(block) {
    return block.ast();
  },
  TextValue_line(line) {
    return line.ast();
  },
  VerifyItem(_verify, expression): ItemNode {
    return { kind: 'verify', expression: expression.ast(), span: spanOf(this) };
  },
  PassWhenItem(_pass, _when, _score, operator, threshold): ItemNode {
    return {
      kind: 'pass-when',
      operator: operator.sourceString as ComparisonOperator,
      threshold: threshold.ast(),
      span: spanOf(this),
    };
  },
  CaseItem(_case, id, inputs, expected, expects, metrics, operators, thresholds): ItemNode {
    const expectedNode = expected.children[0];
    return {
      kind: 'case',
      id: { value: id.ast(), span: spanOf(id) },
      inputs: inputs.ast(),
      ...(expectedNode ? { expected: expectedNode.ast() } : {}),
      expectations: metrics.children.map((metric, index) => {
        const keyword = expects.children[index] as ohm.Node;
        const threshold = thresholds.children[index] as ohm.Node;
        const start = keyword.source.startIdx + keyword.sourceString.indexOf('expect');
        return {
          kind: 'expect',
          metric: metric.ast(),
          operator: (operators.children[index] as ohm.Node).sourceString as ComparisonOperator,
          threshold: threshold.ast(),
          span: { start, end: threshold.source.endIdx },
        } satisfies ExpectItem;
      }),
      span: spanOf(this),
    };
  },
  CasesFromItem(_cases, _from, path, mapping): ItemNode {
    const mappingNode = mapping.children[0];
    return {
      kind: 'cases-from',
      path: stringNode(path),
      ...(mappingNode ? { mapping: mappingNode.ast() } : {}),
      span: spanOf(this),
    };
  },
  CaseExpected(_arrow, literal) {
    return literal.ast();
  },
  SampleItem(_sample, count, settings): ItemNode {
    return {
      kind: 'sample',
      count: { value: Number(count.sourceString), span: spanOf(count) },
      settings: settings.children.map((setting) => setting.ast()),
      span: spanOf(this),
    };
  },
  SampleSetting(name, value) {
    return { name: name.sourceString as SampleSettingName, value: value.ast(), span: spanOf(this) };
  },
  ExpectItem(_expect, metric, operator, threshold): ItemNode {
    return {
      kind: 'expect',
      metric: metric.ast(),
      operator: operator.sourceString as ComparisonOperator,
      threshold: threshold.ast(),
      span: spanOf(this),
    };
  },
  metric_passInfinity(_text): MetricNode {
    return { name: 'pass@inf', span: spanOf(this) };
  },
  metric_pass(_pass, kind, digits): MetricNode {
    return {
      name: kind.sourceString === '^' ? 'pass^k' : 'pass@k',
      k: Number(digits.sourceString),
      span: spanOf(this),
    };
  },
  metric_max(_max, digits): MetricNode {
    return { name: 'max@k', k: Number(digits.sourceString), span: spanOf(this) };
  },
  metric_gPass(_gPass, digits, _open, tau, _close): MetricNode {
    return { name: 'g-pass@k', k: Number(digits.sourceString), tau: tau.ast(), span: spanOf(this) };
  },
  metric_attempts(_attempts, digits): MetricNode {
    return { name: 'attempts', budget: Number(digits.sourceString), span: spanOf(this) };
  },
  metric_meanScore(_text): MetricNode {
    return { name: 'mean-score', span: spanOf(this) };
  },
  metric_errorRate(_text): MetricNode {
    return { name: 'error-rate', span: spanOf(this) };
  },

  OrExpr_or: binary('or'),
  AndExpr_and: binary('and'),
  NotExpr_not(_not, operand): ExpressionNode {
    return { kind: 'not', operand: operand.ast(), span: spanOf(this) };
  },
  CompareExpr_compare(left, operator, right): ExpressionNode {
    return {
      kind: 'binary',
      operator: operator.sourceString as ComparisonOperator,
      left: left.ast(),
      right: right.ast(),
      span: spanOf(this),
    };
  },
  AddExpr_add: binary('+'),
  AddExpr_subtract: binary('-'),
  MulExpr_multiply: binary('*'),
  MulExpr_divide: binary('/'),
  UnaryExpr_negate(_minus, operand): ExpressionNode {
    return { kind: 'negate', operand: operand.ast(), span: spanOf(this) };
  },
  PostfixExpr_member(object, _dot, property): ExpressionNode {
    return { kind: 'member', object: object.ast(), property: property.ast(), span: spanOf(this) };
  },
  PostfixExpr_call(callee, _open, args, _close): ExpressionNode {
    return {
      kind: 'call',
      callee: callee.ast(),
      args: args.asIteration().children.map((arg) => arg.ast()),
      span: spanOf(this),
    };
  },
  PrimaryExpr_paren(_open, expression, _close) {
    return expression.ast();
  },
  PrimaryExpr_name(name): ExpressionNode {
    return { kind: 'name', name: name.sourceString, span: spanOf(this) };
  },
  PrimaryExpr_literal(literal): ExpressionNode {
    return { kind: 'literal', literal: literal.ast(), span: spanOf(this) };
  },

  Literal_string(value): LiteralNode {
    return { kind: 'string', value: value.ast(), span: spanOf(this) };
  },
  Literal_number(value): LiteralNode {
    return { kind: 'number', value: value.ast(), span: spanOf(this) };
  },
  Literal_true(_true): LiteralNode {
    return { kind: 'boolean', value: true, span: spanOf(this) };
  },
  Literal_false(_false): LiteralNode {
    return { kind: 'boolean', value: false, span: spanOf(this) };
  },
  Literal_null(_null): LiteralNode {
    return { kind: 'null', span: spanOf(this) };
  },
  Object(_open, fields, _comma, _close): ObjectLiteral {
    return { kind: 'object', fields: fields.asIteration().children.map((field) => field.ast()), span: spanOf(this) };
  },
  Field(name, _colon, value) {
    return { name: name.ast(), value: value.ast() };
  },
  FieldName(name): Identifier {
    const value = name.ast();
    return typeof value === 'string' ? { name: value, span: spanOf(this) } : value;
  },
  Array(_open, items, _comma, _close): LiteralNode {
    return { kind: 'array', items: items.asIteration().children.map((item) => item.ast()), span: spanOf(this) };
  },

  ident(_start, _rest): Identifier {
    return { name: this.sourceString, span: spanOf(this) };
  },
  number(_number) {
    return Number(this.sourceString);
  },
  stringLiteral(_open, _characters, _close) {
    return unescapeString(this.sourceString.slice(1, -1));
  },
  templateString(_open, parts, _close): TemplatePart[] {
    return mergeText(parts.children.map((part) => part.ast()));
  },
  templateStringPart(part) {
    const value = part.ast();
    return typeof value === 'string' ? { kind: 'text', text: unescapeString(value) } : value;
  },
  templateText(_first, _rest) {
    return this.sourceString;
  },
  textBlock(_open, parts, _close): TemplatePart[] {
    return mergeText(dedentParts(mergeText(parts.children.map((part) => part.ast()))));
  },
  blockPart_brace(_brace): TemplatePart {
    return { kind: 'text', text: '{' };
  },
  blockChar(_first, _rest): TemplatePart {
    return { kind: 'text', text: this.sourceString };
  },
  interpolation(_open, _before, path, _after, _close): TemplatePart {
    return { kind: 'interpolation', path: path.sourceString.split('.'), span: spanOf(this) };
  },
  _iter(...children) {
    return children.map((child) => child.ast());
  },
  _terminal() {
    return this.sourceString;
  },
});

/** The settings a judge takes before its rubric. */
const judgeSettings = ['model', 'samples', 'temperature', 'top_p', 'max_tokens'];

/** The word that starts at `offset`, if any: used to suggest a keyword in a parse error. */
function wordAt(text: string, offset: number): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(offset))?.[0];
}

/** Makes ohm's list of expected things read well: quotes shown as the user types them. */
function describeExpected(expected: string): string {
  return expected.replaceAll('"\\"\\"\\""', '`"""`').replaceAll('"\\""', '`"`');
}

function describeFound(text: string, position: number, word: string | undefined): string {
  if (position >= text.length) return 'the end of the file';
  if (word) return `\`${word}\``;
  const character = text[position];
  return character === '\n' || character === '\r' ? 'the end of the line' : `\`${character}\``;
}

/** A file whose first line is not `prog <version>`: point at whatever stands there instead. */
function headerDiagnostic(text: string, file: string): Diagnostic {
  const start = /^(?:\s|#[^\n]*)*/.exec(text)?.[0].length ?? 0;
  const word = /^\S+/.exec(text.slice(start))?.[0];
  return {
    code: 'P001',
    severity: 'error',
    message: `expected the version header \`prog 1\`, found ${word ? `\`${word}\`` : 'the end of the file'}`,
    file,
    span: { start, end: Math.min(text.length, start + (word?.length ?? 1)) },
    hint: 'a .prog file starts with its version header, `prog 1`, on a line of its own',
  };
}

function syntaxDiagnostic(match: ohm.MatchResult, text: string, file: string): Diagnostic {
  const failure = match as ohm.FailedMatchResult;
  const expectedText = failure.getExpectedText();
  if (expectedText.includes('"prog"') || expectedText.includes('a version number')) return headerDiagnostic(text, file);
  const position = failure.getRightmostFailurePosition();
  const word = wordAt(text, position);
  const mistake = commonMistake(text, position, expectedText, word);
  if (mistake) return { code: 'P001', severity: 'error', file, ...mistake };
  const found = describeFound(text, position, word);
  let expected = describeExpected(expectedText);
  let hint: string | undefined;
  if (expectedText.includes('"verify"')) {
    // At the start of an item: name the items instead of listing every token that could follow.
    expected = `a program item (${itemKeywords.join(', ')})`;
    const keyword = word ? suggest(word, itemKeywords) : undefined;
    hint = keyword ? `did you mean \`${keyword}\`?` : 'each item starts with its keyword, one item per line';
  } else if (
    expectedText.includes('"\\"\\"\\""') &&
    position >= text.length &&
    (text.split('"""').length - 1) % 2 === 1
  ) {
    hint = 'a text block ends with `"""`';
  } else if (expectedText.includes('"samples"') && word) {
    const setting = suggest(word, judgeSettings);
    hint = setting
      ? `did you mean \`${setting}\`?`
      : `a judge takes ${judgeSettings.map((name) => `\`${name}\``).join(', ')}, then its rubric`;
  }
  return {
    code: 'P001',
    severity: 'error',
    message: `expected ${expected}, found ${found}`,
    file,
    span: { start: position, end: Math.min(text.length, position + (word?.length ?? 1)) },
    ...(hint ? { hint } : {}),
  };
}

/** Parses the text of a `.prog` file. Never throws on user input: a syntax error is a diagnostic. */
export function parseProg(text: string, file: string): ParseResult {
  return parseMatch(progGrammar.match(text), text, file);
}

/**
 * The parse result of `text` from a match of it, by `progGrammar.match` or by an incremental matcher, with the AST
 * built by `astSemantics` (this module's `semantics`, or one extending it).
 */
export function parseMatch(
  match: ohm.MatchResult,
  text: string,
  file: string,
  astSemantics: ohm.Semantics = semantics,
): ParseResult {
  if (match.failed()) return { diagnostics: [syntaxDiagnostic(match, text, file)] };
  const document = astSemantics(match).ast() as DocumentNode;
  const diagnostics: Diagnostic[] = [];
  if (document.version.value !== 1) {
    diagnostics.push({
      code: 'P002',
      severity: 'error',
      message: `this version of informal reads \`prog 1\` files, not \`prog ${document.version.value}\``,
      file,
      span: document.version.span,
      hint: 'write `prog 1`, or upgrade informal',
    });
  }
  return { document, diagnostics };
}
