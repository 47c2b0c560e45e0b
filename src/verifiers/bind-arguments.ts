import { type ExpressionNode, literalValue, type ObjectLiteral } from '../lang/ast.js';
import type { BuiltinVerifier } from './builtin-verifier.js';

/** Where one parameter of a call gets its value. */
export type ArgumentSource =
  | { readonly kind: 'argument'; readonly node: ExpressionNode }
  | { readonly kind: 'output' }
  | { readonly kind: 'expected' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'missing' };

/** A call's arguments matched to a built-in's parameters. */
export interface BoundArguments {
  /** One source per parameter, in order. */
  readonly sources: readonly ArgumentSource[];
  /** The trailing object literal read as options, when there is one. */
  readonly options?: ObjectLiteral;
  /** Positional arguments beyond the parameters. */
  readonly extra: readonly ExpressionNode[];
}

/**
 * Matches a call's arguments to a built-in's parameters. A trailing object literal is the options when the
 * built-in has options. With all parameters given, each is its argument; with fewer, the checked value is the
 * program's `output`, the arguments fill the next parameters, and the rest take their `absent` value.
 * Shared by the resolve-time checks and the evaluator, so both read a call the same way.
 */
export function bindArguments(verifier: BuiltinVerifier, args: readonly ExpressionNode[]): BoundArguments {
  const options = trailingOptions(verifier, args);
  const positional = options ? args.slice(0, -1) : args;
  const { parameters } = verifier;
  if (positional.length >= parameters.length) {
    return {
      sources: positional.slice(0, parameters.length).map((node) => ({ kind: 'argument', node })),
      ...(options ? { options } : {}),
      extra: positional.slice(parameters.length),
    };
  }
  const sources: ArgumentSource[] = [{ kind: 'output' }];
  for (let index = 1; index < parameters.length; index++) {
    const node = positional[index - 1];
    const absent = parameters[index]?.absent;
    sources.push(
      node
        ? { kind: 'argument', node }
        : absent === 'expected'
          ? { kind: 'expected' }
          : absent === 'optional'
            ? { kind: 'absent' }
            : { kind: 'missing' },
    );
  }
  return { sources, ...(options ? { options } : {}), extra: [] };
}

/**
 * The trailing object literal of a call when it holds the options. When that literal could also be the
 * argument of an object-typed parameter (the schema of `json_schema`), it is the options only when every
 * field names an option.
 */
function trailingOptions(verifier: BuiltinVerifier, args: readonly ExpressionNode[]): ObjectLiteral | undefined {
  const last = args.at(-1);
  if (!verifier.options || last?.kind !== 'literal' || last.literal.kind !== 'object') return undefined;
  const { parameters } = verifier;
  // The parameter the literal would fill as a positional argument.
  const index = args.length >= parameters.length ? args.length - 1 : args.length;
  const parameter = parameters[index];
  const value = literalValue(last.literal);
  if (!parameter?.schema?.safeParse(value).success) return last.literal;
  const optionNames = Object.keys(verifier.options.shape);
  return last.literal.fields.every((field) => optionNames.includes(field.name.name)) ? last.literal : undefined;
}

/** The value of an argument written as a literal (a negative number included), or `undefined` when it is not one. */
export function literalArgument(node: ExpressionNode): { readonly value: unknown } | undefined {
  if (node.kind === 'literal') return { value: literalValue(node.literal) };
  if (node.kind === 'negate' && node.operand.kind === 'literal' && node.operand.literal.kind === 'number') {
    return { value: -node.operand.literal.value };
  }
  return undefined;
}
