import type { ExpressionNode, LiteralNode, TypeNode } from '../lang/ast.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import type { SourceSpan } from '../lang/source-span.js';
import { suggest } from '../lang/suggest.js';
import type { BuiltinVerifier } from './builtin-verifier.js';
import { builtinVerifiers } from './builtins.js';
import { checkCall } from './check-call.js';

/** What checking a `verify` expression found. */
export interface ExpressionCheck {
  readonly diagnostics: Diagnostic[];
  /** True when the expression reads the case's `expected` value, directly or through a verifier's default. */
  readonly usesExpected: boolean;
}

/** A named value a verifier can read, with its declared type when it has one. */
export interface ScopeValue {
  readonly name: string;
  readonly type?: TypeNode;
}

/** The names a `verify` expression may use, besides `output`, `expected`, `steps` and the built-in verifiers. */
export interface ExpressionScope {
  readonly inputs: readonly ScopeValue[];
  /** The program's steps; each is readable by its name and as `steps.<name>`. */
  readonly steps?: readonly ScopeValue[];
  /** The type of `output`; text when absent. */
  readonly output?: TypeNode;
  /** Verifiers imported from modules, by name. */
  readonly verifiers?: ReadonlyMap<string, BuiltinVerifier>;
  /** Names of the program's judges: score-valued names. */
  readonly judges?: readonly string[];
  /** Imported names whose import failed (reported there): not reported again. */
  readonly failedImports?: ReadonlySet<string>;
  /**
   * Whether the program is an agent (it has tools or a simulated user). When `false`, reading `trajectory` or
   * calling a verifier of trajectories is an error; when absent, nothing is known and nothing is reported.
   */
  readonly agent?: boolean;
}

/** The fields of `trajectory` and their types. */
const trajectoryFields: ReadonlyMap<string, ExpressionType> = new Map<string, ExpressionType>([
  ['turns', { kind: 'number' }],
  ['calls', { kind: 'array' }],
  ['tool_errors', { kind: 'number' }],
  ['ended', { kind: 'string' }],
  ['state', { kind: 'unknown' }],
  ['expected_state', { kind: 'unknown' }],
  ['user_turns', { kind: 'number' }],
]);

/** What an expression evaluates to, as far as can be known before anything runs. */
type ExpressionType =
  | { readonly kind: 'score' | 'number' | 'string' | 'boolean' | 'null' | 'array' | 'unknown' }
  | { readonly kind: 'object'; readonly fields?: readonly { readonly name: string; readonly type: TypeNode }[] };

const unknownType: ExpressionType = { kind: 'unknown' };

/** The expression type of a declared type. */
function fromTypeNode(type: TypeNode | undefined): ExpressionType {
  if (!type) return unknownType;
  switch (type.kind) {
    case 'primitive':
      return { kind: type.name === 'integer' ? 'number' : type.name };
    case 'enum':
      return { kind: 'string' };
    case 'array':
      return { kind: 'array' };
    case 'object':
      return { kind: 'object', fields: type.fields.map((field) => ({ name: field.name.name, type: field.type })) };
    default:
      return type satisfies never;
  }
}

function literalType(literal: LiteralNode): ExpressionType {
  switch (literal.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'array':
      return { kind: literal.kind };
    case 'object':
      return { kind: 'object' };
    default:
      return literal satisfies never;
  }
}

/** Types that read as a score: scores, numbers and booleans, and whatever is not known before the run. */
const scoreLike = new Set(['score', 'number', 'boolean', 'unknown']);
const numberLike = new Set(['score', 'number', 'unknown']);

function describeKind(type: ExpressionType): string {
  switch (type.kind) {
    case 'score':
      return 'a score';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return '`null`';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

const backticked = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/** A name or dotted path as written (`output.meta`), so that messages can say which value they mean. */
function pathOf(node: ExpressionNode): string | undefined {
  if (node.kind === 'name') return node.name;
  if (node.kind === 'member') {
    const object = pathOf(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/**
 * Checks a `verify` expression before anything runs: every name is known (`output`, `expected`, `steps`, an
 * input, a step, a judge, a built-in or imported verifier), each verifier call has the arguments and options it
 * takes, and each operator gets operands of a type it can use (`not "text"` is an error). Reports every problem.
 * A list of names is read as the program's inputs, untyped.
 */
export function checkExpression(
  expression: ExpressionNode,
  scopeOrInputs: ExpressionScope | readonly string[],
  file: string,
): ExpressionCheck {
  const untyped = Array.isArray(scopeOrInputs);
  const scope: ExpressionScope = untyped
    ? { inputs: (scopeOrInputs as readonly string[]).map((name) => ({ name })) }
    : (scopeOrInputs as ExpressionScope);
  // Without a program around it (a list of input names), the type of `output` is not known.
  const outputType: ExpressionType = untyped
    ? unknownType
    : scope.output
      ? fromTypeNode(scope.output)
      : { kind: 'string' };
  const diagnostics: Diagnostic[] = [];
  let usesExpected = false;
  const report = (code: string, message: string, span: SourceSpan, hint?: string) =>
    diagnostics.push({ code, severity: 'error', message, file, span, ...(hint ? { hint } : {}) });
  const inputNames = scope.inputs.map((input) => input.name);
  const steps = scope.steps ?? [];
  const judges = scope.judges ?? [];
  const verifierOf = (name: string) => builtinVerifiers.get(name) ?? scope.verifiers?.get(name);
  const verifierNames = [...builtinVerifiers.keys(), ...(scope.verifiers?.keys() ?? [])];
  const valueNames = [
    'output',
    'expected',
    'steps',
    'trajectory',
    ...inputNames,
    ...steps.map((step) => step.name),
    ...judges,
  ];
  const notAnAgent = (what: string, span: SourceSpan) =>
    report(
      'V006',
      `${what} the trajectory of an agent, and this program is not one`,
      span,
      'give the program a `tool`, an `mcp` server or a `simulate user` line, or verify its `output`',
    );

  const typeOfName = (name: string): ExpressionType | undefined => {
    if (name === 'output') return outputType;
    if (name === 'expected') return unknownType;
    if (name === 'steps') return { kind: 'object' };
    if (judges.includes(name)) return { kind: 'score' };
    const input = scope.inputs.find((candidate) => candidate.name === name);
    if (input) return fromTypeNode(input.type);
    const step = steps.find((candidate) => candidate.name === name);
    if (step) return step.type ? fromTypeNode(step.type) : { kind: 'string' };
    if (name === 'trajectory') return { kind: 'object' };
    return undefined;
  };
  /** Whether a name is the built-in `trajectory`, not an input or a step of that name. */
  const isTrajectory = (node: ExpressionNode) =>
    node.kind === 'name' &&
    node.name === 'trajectory' &&
    !scope.inputs.some((input) => input.name === 'trajectory') &&
    !steps.some((step) => step.name === 'trajectory') &&
    !judges.includes('trajectory');

  const checkVerifierCall = (verifier: BuiltinVerifier, node: ExpressionNode, args: readonly ExpressionNode[]) => {
    if (verifier.subject === 'trajectory' && scope.agent === false) notAnAgent(`\`${verifier.name}\` reads`, node.span);
    const call = checkCall(verifier, node, args, file);
    diagnostics.push(...call.diagnostics);
    if (call.usesExpected) usesExpected = true;
  };

  const expectOperand = (node: ExpressionNode, type: ExpressionType, allowed: Set<string>, operator: string) => {
    if (allowed.has(type.kind)) return;
    report(
      'T001',
      `\`${operator}\` needs ${allowed === numberLike ? 'numbers or scores' : 'scores, numbers or booleans'}, and this is ${describeKind(type)}`,
      node.span,
      type.kind === 'string' ? 'compare the text instead, such as `output == "yes"` or `contains("yes")`' : undefined,
    );
  };

  const visit = (node: ExpressionNode): ExpressionType => {
    switch (node.kind) {
      case 'literal':
        return literalType(node.literal);
      case 'name': {
        if (node.name === 'expected') usesExpected = true;
        if (isTrajectory(node) && scope.agent === false) notAnAgent('`trajectory` is', node.span);
        const type = typeOfName(node.name);
        if (type) return type;
        if (scope.failedImports?.has(node.name)) return unknownType;
        const bare = verifierOf(node.name);
        if (bare) {
          // A bare verifier name is a call with no arguments: `exact` is `exact(output, expected)`.
          checkVerifierCall(bare, node, []);
          return { kind: 'score' };
        }
        const guess = suggest(node.name, [...valueNames, ...verifierNames]);
        report(
          'R012',
          `unknown name \`${node.name}\` in the verifier`,
          node.span,
          guess
            ? `did you mean \`${guess}\`?`
            : `a verifier can read \`output\`, \`expected\`, the inputs (${backticked(inputNames) || 'none'})${steps.length > 0 ? `, the steps (${backticked(steps.map((step) => step.name))})` : ''}${judges.length > 0 ? `, the judges (${backticked(judges)})` : ''} and call ${backticked(verifierNames)}`,
        );
        return unknownType;
      }
      case 'member': {
        const object = visit(node.object);
        const property = node.property.name;
        if (object.kind === 'score') {
          report(
            'T002',
            `a score has no field \`${property}\``,
            node.property.span,
            'read fields of values, not of scores',
          );
          return unknownType;
        }
        if (isTrajectory(node.object)) {
          const field = trajectoryFields.get(property);
          if (field) return field;
          const names = [...trajectoryFields.keys()];
          const guess = suggest(property, names);
          report(
            'T002',
            `\`trajectory\` has no field \`${property}\``,
            node.property.span,
            guess ? `did you mean \`${guess}\`?` : `its fields are ${backticked(names)}`,
          );
          return unknownType;
        }
        if (node.object.kind === 'name' && node.object.name === 'steps') {
          const step = steps.find((candidate) => candidate.name === property);
          if (step) return step.type ? fromTypeNode(step.type) : { kind: 'string' };
          const guess = suggest(
            property,
            steps.map((candidate) => candidate.name),
          );
          report(
            'R012',
            `the program has no step \`${property}\``,
            node.property.span,
            guess
              ? `did you mean \`${guess}\`?`
              : `the steps are ${backticked(steps.map((candidate) => candidate.name)) || 'none'}`,
          );
          return unknownType;
        }
        if (['string', 'number', 'boolean', 'null'].includes(object.kind)) {
          const path = pathOf(node.object);
          report(
            'T002',
            `${path ? `\`${path}\` is ${describeKind(object)}, which` : `${describeKind(object)}`} has no field \`${property}\``,
            node.property.span,
            path === 'output'
              ? 'declare an object output, such as `output { answer: string }`'
              : 'only objects have fields',
          );
          return unknownType;
        }
        if (object.kind === 'object' && object.fields) {
          const field = object.fields.find((candidate) => candidate.name === property);
          if (field) return fromTypeNode(field.type);
          const names = object.fields.map((candidate) => candidate.name);
          const guess = suggest(property, names);
          const path = pathOf(node.object);
          report(
            'T002',
            path ? `\`${path}\` has no field \`${property}\`` : `no field \`${property}\` in this object`,
            node.property.span,
            guess ? `did you mean \`${guess}\`?` : `its fields are ${backticked(names) || 'none'}`,
          );
        }
        return unknownType;
      }
      case 'call': {
        node.args.forEach(visit);
        const verifier = verifierOf(node.callee.name);
        if (!verifier && scope.failedImports?.has(node.callee.name)) return { kind: 'score' };
        if (!verifier) {
          const known = typeOfName(node.callee.name);
          const guess = suggest(node.callee.name, verifierNames);
          report(
            'R011',
            known
              ? `\`${node.callee.name}\` is a value, not a verifier: it cannot be called`
              : `unknown verifier \`${node.callee.name}\``,
            node.callee.span,
            guess
              ? `did you mean \`${guess}\`?`
              : known
                ? `use it without parentheses: \`${node.callee.name}\``
                : `the verifiers are ${backticked(verifierNames)}`,
          );
          return { kind: 'score' };
        }
        checkVerifierCall(verifier, node, node.args);
        return { kind: 'score' };
      }
      case 'not':
        expectOperand(node.operand, visit(node.operand), scoreLike, 'not');
        return { kind: 'score' };
      case 'negate':
        expectOperand(node.operand, visit(node.operand), numberLike, '-');
        return { kind: 'number' };
      case 'binary': {
        const left = visit(node.left);
        const right = visit(node.right);
        switch (node.operator) {
          case 'and':
          case 'or':
            expectOperand(node.left, left, scoreLike, node.operator);
            expectOperand(node.right, right, scoreLike, node.operator);
            return { kind: 'score' };
          case '+':
          case '-':
          case '*':
          case '/':
            expectOperand(node.left, left, numberLike, node.operator);
            expectOperand(node.right, right, numberLike, node.operator);
            return left.kind === 'score' || right.kind === 'score' ? { kind: 'score' } : { kind: 'number' };
          case '>=':
          case '>':
          case '<=':
          case '<':
            expectOperand(node.left, left, numberLike, node.operator);
            expectOperand(node.right, right, numberLike, node.operator);
            return { kind: 'score' };
          case '==':
          case '!=':
            return { kind: 'score' };
          default:
            return node.operator satisfies never;
        }
      }
      default:
        return node satisfies never;
    }
  };
  const type = visit(expression);
  if (!scoreLike.has(type.kind)) {
    report(
      'T003',
      `a verifier must give a score, and this gives ${describeKind(type)}`,
      expression.span,
      'compare it, such as `output == expected`, or call a verifier, such as `exact(expected)`',
    );
  }
  return { diagnostics, usesExpected };
}
