import type { TemplatePart } from '../lang/ast.js';
import { dedentParts } from '../lang/dedent.js';
import type { SourceSpan } from '../lang/source-span.js';

/** A prompt file read as a template, or the first malformed `{{` in it (1-based line) and how to fix it. */
export type PromptFileParts =
  | { readonly ok: true; readonly parts: readonly TemplatePart[] }
  | { readonly ok: false; readonly line: number; readonly problem: string; readonly hint: string };

const interpolation = /\\\{|\{\{([ \t]*)([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)[ \t]*\}\}|\{\{/g;

/**
 * Reads the text of a prompt file as a template, as a text block in a `.prog` file is read: `{{ path }}` is the
 * only interpolation, `\{` is a literal brace, and the text is dedented. Interpolations take `span` (the place of
 * the file's path in the program), so that diagnostics about them point at the `from` that read the file.
 */
export function promptFileParts(text: string, span: SourceSpan): PromptFileParts {
  const parts: TemplatePart[] = [];
  let last = 0;
  let pending = '';
  for (const match of text.matchAll(interpolation)) {
    const index = match.index ?? 0;
    pending += text.slice(last, index);
    last = index + match[0].length;
    if (match[0] === '\\{') {
      pending += '{';
      continue;
    }
    if (match[2] === undefined) {
      return {
        ok: false,
        line: text.slice(0, index).split('\n').length,
        problem: '`{{` starts an interpolation but no `name }}` follows',
        hint: 'write `\\{` for a literal brace, or `{{ name }}` to insert an input or a step',
      };
    }
    if (pending !== '') parts.push({ kind: 'text', text: pending });
    pending = '';
    parts.push({ kind: 'interpolation', path: match[2].split('.'), span });
  }
  pending += text.slice(last);
  if (pending !== '') parts.push({ kind: 'text', text: pending });
  return { ok: true, parts: dedentParts(parts) };
}
