import type { Score } from '../../contracts/score.js';
import type { Trace } from '../../contracts/trace.js';
import type { Diagnostic } from '../../lang/diagnostic.js';
import { parseProg } from '../../lang/parse.js';
import { renderDiagnostic } from '../../lang/render-diagnostic.js';
import { checkExpression } from '../check-expression.js';
import { compileVerifier } from '../compile-verifier.js';

/** The trace of a sample that verifier tests score: one program, one case, the first sample. */
export const trace: Trace = {
  programName: 'p',
  programHash: 'h',
  interpreterId: 'sim',
  caseId: 'c',
  sampleIndex: 0,
  seed: 1,
  settings: {},
  steps: [],
};

/** The source of a program whose only item is `verify <expression>`, and its expression node. */
function parseVerify(expression: string) {
  const source = `prog 1\nprogram p\nverify ${expression}\n`;
  const parsed = parseProg(source, 'p.prog');
  const item = parsed.document?.program.items[0];
  if (item?.kind !== 'verify') throw new Error(`did not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return { source, expression: item.expression };
}

/** Compiles `verify <expression>` (checked first: a diagnostic throws) and runs it on one output. */
export async function verifyExpression(
  expression: string,
  output: unknown,
  expected?: unknown,
  inputs: Record<string, unknown> = {},
): Promise<Score> {
  const parsed = parseVerify(expression);
  const check = checkExpression(parsed.expression, Object.keys(inputs), 'p.prog');
  if (check.diagnostics.length > 0) {
    throw new Error(check.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, parsed.source)).join('\n'));
  }
  return verifyUnchecked(expression, output, expected, inputs);
}

/** Runs `verify <expression>` without the resolve-time checks, as a verifier whose checks were skipped would. */
export async function verifyUnchecked(
  expression: string,
  output: unknown,
  expected?: unknown,
  inputs: Record<string, unknown> = {},
): Promise<Score> {
  const parsed = parseVerify(expression);
  return compileVerifier(
    parsed.expression,
    parsed.source,
  )({ inputs, output, steps: { main: output }, expected, trace });
}

/** The resolve-time diagnostics of `verify <expression>`, rendered as the CLI shows them. */
export function checkDiagnostics(expression: string, inputNames: readonly string[] = []): string[] {
  const parsed = parseVerify(expression);
  return checkExpression(parsed.expression, inputNames, 'p.prog').diagnostics.map((diagnostic: Diagnostic) =>
    renderDiagnostic(diagnostic, parsed.source),
  );
}

/** Whether `verify <expression>` reads the case's `expected` value. */
export function usesExpected(expression: string): boolean {
  return checkExpression(parseVerify(expression).expression, [], 'p.prog').usesExpected;
}

/** A score tree as [name, value, expression, parts…], for comparing with values worked out by hand. */
export const scoreTree = (score: Score): unknown => [
  score.name,
  score.value,
  score.expression,
  ...(score.parts ?? []).map(scoreTree),
];
