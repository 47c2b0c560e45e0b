import type { ExpressionNode } from '../lang/ast.js';
import { literalValue } from '../lang/ast.js';
import { getOrCreate } from '../util/get-or-create.js';
import { type BoundArguments, bindArguments } from './bind-arguments.js';
import type { BuiltinVerifier } from './builtin-verifier.js';

/** What a compiled verifier keeps between samples: how each call binds its arguments, and its parsed options. */
export class CompiledCalls {
  private readonly bindings = new Map<ExpressionNode, BoundArguments>();
  private readonly parsedOptions = new Map<ExpressionNode, Readonly<Record<string, unknown>>>();

  bound(verifier: BuiltinVerifier, node: ExpressionNode, args: readonly ExpressionNode[]): BoundArguments {
    return getOrCreate(this.bindings, node, () => bindArguments(verifier, args));
  }

  /** The call's options, parsed once; throws when they do not parse (they were checked before the run). */
  options(verifier: BuiltinVerifier, node: ExpressionNode, bound: BoundArguments): Readonly<Record<string, unknown>> {
    return getOrCreate(this.parsedOptions, node, () => {
      if (!verifier.options) return {};
      const written = bound.options ? literalValue(bound.options) : {};
      const parsed = verifier.options.safeParse(written);
      if (!parsed.success)
        throw new Error(`bad options: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      return parsed.data as Record<string, unknown>;
    });
  }
}
