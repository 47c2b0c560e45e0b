import type { ExpressionNode } from '../lang/ast.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import { suggest } from '../lang/suggest.js';
import { builtinVerifiers } from './builtins.js';
import { checkCall } from './check-call.js';

/** What checking a `verify` expression found. */
export interface ExpressionCheck {
  readonly diagnostics: Diagnostic[];
  /** True when the expression reads the case's `expected` value, directly or through a verifier's default. */
  readonly usesExpected: boolean;
}

/**
 * Checks that every name in a `verify` expression is known (`output`, `expected`, an input, or a built-in
 * verifier) and that each verifier call has the arguments and options it takes, before anything runs.
 */
export function checkExpression(
  expression: ExpressionNode,
  inputNames: readonly string[],
  file: string,
): ExpressionCheck {
  const diagnostics: Diagnostic[] = [];
  let usesExpected = false;
  const valueNames = ['output', 'expected', ...inputNames];
  const verifierNames = [...builtinVerifiers.keys()];

  const visit = (node: ExpressionNode): void => {
    switch (node.kind) {
      case 'literal':
        return;
      case 'name': {
        if (node.name === 'expected') usesExpected = true;
        const bare = node.name === 'output' || node.name === 'expected' ? undefined : builtinVerifiers.get(node.name);
        if (bare) {
          // A bare verifier name is a call with no arguments: `exact` is `exact(output, expected)`.
          const call = checkCall(bare, node, [], file);
          diagnostics.push(...call.diagnostics);
          if (call.usesExpected) usesExpected = true;
          return;
        }
        if (valueNames.includes(node.name)) return;
        const guess = suggest(node.name, [...valueNames, ...verifierNames]);
        diagnostics.push({
          code: 'R012',
          severity: 'error',
          message: `unknown name \`${node.name}\` in the verifier`,
          file,
          span: node.span,
          hint: guess
            ? `did you mean \`${guess}\`?`
            : `a verifier can read \`output\`, \`expected\`, the inputs (${inputNames.map((name) => `\`${name}\``).join(', ') || 'none'}) and call ${verifierNames.map((name) => `\`${name}\``).join(', ')}`,
        });
        return;
      }
      case 'member':
        visit(node.object);
        return;
      case 'call': {
        node.args.forEach(visit);
        const verifier = builtinVerifiers.get(node.callee.name);
        if (!verifier) {
          const guess = suggest(node.callee.name, verifierNames);
          diagnostics.push({
            code: 'R011',
            severity: 'error',
            message: `unknown verifier \`${node.callee.name}\``,
            file,
            span: node.callee.span,
            hint: guess
              ? `did you mean \`${guess}\`?`
              : `the built-in verifiers are ${verifierNames.map((name) => `\`${name}\``).join(', ')}`,
          });
          return;
        }
        const call = checkCall(verifier, node, node.args, file);
        diagnostics.push(...call.diagnostics);
        if (call.usesExpected) usesExpected = true;
        return;
      }
      case 'not':
      case 'negate':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      default:
        node satisfies never;
    }
  };
  visit(expression);
  return { diagnostics, usesExpected };
}
