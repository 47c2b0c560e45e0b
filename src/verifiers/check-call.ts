import { type ExpressionNode, literalValue, type ObjectLiteral } from '../lang/ast.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import type { SourceSpan } from '../lang/source-span.js';
import { suggest } from '../lang/suggest.js';
import { bindArguments, literalArgument } from './bind-arguments.js';
import type { BuiltinVerifier } from './builtin-verifier.js';
import { describeValue } from './normalize-text.js';

/** How a call to a verifier is written in full, for hints: `regex(value, pattern, { flags, full })`. */
export function signature(verifier: BuiltinVerifier): string {
  const parameters = verifier.parameters.map((parameter) => parameter.name);
  const options = verifier.options ? [`{ ${Object.keys(verifier.options.shape).join(', ')} }`] : [];
  return `${verifier.name}(${[...parameters, ...options].join(', ')})`;
}

/** The span of an option field's name or value in an options literal, or the whole literal. */
function fieldSpan(options: ObjectLiteral, key: unknown, part: 'name' | 'value'): SourceSpan {
  const field = options.fields.find((candidate) => candidate.name.name === key);
  if (!field) return options.span;
  return part === 'name' ? field.name.span : field.value.span;
}

/**
 * Checks one call of a built-in before anything runs: the number of arguments, the types of literal
 * arguments, the names and types of the options, and what the verifier's own `check` finds (a regex that does
 * not compile). Returns the diagnostics and whether the call reads the case's `expected` value.
 */
export function checkCall(
  verifier: BuiltinVerifier,
  node: ExpressionNode,
  args: readonly ExpressionNode[],
  file: string,
): { diagnostics: Diagnostic[]; usesExpected: boolean } {
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, message: string, span: SourceSpan, hint?: string) =>
    diagnostics.push({ code, severity: 'error', message, file, span, ...(hint ? { hint } : {}) });
  const bound = bindArguments(verifier, args);
  const written = signature(verifier);
  const count = verifier.parameters.length;

  for (const extra of bound.extra) {
    report(
      'R013',
      `\`${verifier.name}\` takes at most ${count} argument${count === 1 ? '' : 's'}${verifier.options ? ' and an options object' : ''}, got ${args.length}`,
      extra.span,
      `write \`${written}\`, or leave out the first argument to check \`output\``,
    );
  }

  const known: Record<string, unknown> = {};
  bound.sources.forEach((source, index) => {
    const parameter = verifier.parameters[index];
    if (!parameter) return;
    if (source.kind === 'missing') {
      report(
        'V001',
        `\`${verifier.name}\` needs its \`${parameter.name}\` argument (${parameter.type})`,
        node.span,
        `write \`${written}\``,
      );
      return;
    }
    if (source.kind !== 'argument') return;
    const literal = literalArgument(source.node);
    if (!literal) return;
    if (parameter.schema && !parameter.schema.safeParse(literal.value).success) {
      report(
        'V002',
        `\`${verifier.name}\` expects \`${parameter.name}\` to be ${parameter.type}, got ${describeValue(literal.value)}`,
        source.node.span,
        `write \`${written}\``,
      );
      return;
    }
    known[parameter.name] = literal.value;
  });

  let options: Record<string, unknown> = {};
  if (bound.options && verifier.options) {
    const optionNames = Object.keys(verifier.options.shape);
    const parsed = verifier.options.safeParse(
      Object.fromEntries(bound.options.fields.map((field) => [field.name.name, literalValue(field.value)])),
    );
    if (parsed.success) options = parsed.data as Record<string, unknown>;
    else {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            const guess = suggest(key, optionNames);
            report(
              'V003',
              `\`${verifier.name}\` has no option \`${key}\``,
              fieldSpan(bound.options, key, 'name'),
              guess
                ? `did you mean \`${guess}\`?`
                : `its options are ${optionNames.map((name) => `\`${name}\``).join(', ')}`,
            );
          }
        } else {
          const key = issue.path[0];
          report(
            'V004',
            `option \`${String(key)}\` of \`${verifier.name}\`: ${issue.message}`,
            fieldSpan(bound.options, key, 'value'),
            `write \`${written}\``,
          );
        }
      }
      return { diagnostics, usesExpected: bound.sources.some((source) => source.kind === 'expected') };
    }
  }

  if (diagnostics.length === 0 && verifier.check) {
    for (const problem of verifier.check(known, options)) {
      const index = verifier.parameters.findIndex((parameter) => parameter.name === problem.parameter);
      const source = bound.sources[index];
      const span =
        problem.parameter === 'options'
          ? (bound.options?.span ?? node.span)
          : source?.kind === 'argument'
            ? source.node.span
            : node.span;
      report('V005', `\`${verifier.name}\`: ${problem.message}`, span, problem.hint);
    }
  }
  return { diagnostics, usesExpected: bound.sources.some((source) => source.kind === 'expected') };
}
