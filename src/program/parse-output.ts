import type { z } from 'zod';
import type { TypeNode } from '../lang/ast.js';

/** The output of a typed step: the value, or why the text is not a value of the type. */
export type ParsedOutput =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: string };

/** The JSON inside a text: the whole text, or the body of its one ```json fence. */
function jsonText(text: string): string {
  const fence = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(text);
  return (fence?.[1] ?? text).trim();
}

/**
 * Reads a step's text as a value of the program's output type, checked with its zod schema. Objects and arrays are
 * read as JSON; a string enum also accepts the bare word; numbers and booleans accept the bare literal.
 */
export function parseOutput(text: string, type: TypeNode, schema: z.ZodType): ParsedOutput {
  let value: unknown;
  const trimmed = jsonText(text);
  if (type.kind === 'enum' && !trimmed.startsWith('"')) value = trimmed;
  else {
    try {
      value = JSON.parse(trimmed);
    } catch {
      return { ok: false, problem: `the output is not JSON: ${JSON.stringify(trimmed.slice(0, 80))}` };
    }
  }
  const checked = schema.safeParse(value);
  if (checked.success) return { ok: true, value: checked.data };
  const issue = checked.error.issues[0];
  const where = issue && issue.path.length > 0 ? `at ${issue.path.join('.')}: ` : '';
  return { ok: false, problem: `the output does not match its type: ${where}${issue?.message ?? 'invalid'}` };
}
