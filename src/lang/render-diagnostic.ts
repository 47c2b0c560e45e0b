import type { Diagnostic } from './diagnostic.js';
import { lineAt, positionAt } from './source-span.js';

/**
 * Control characters (C0, DEL, C1) and the characters that reorder text on a terminal (bidirectional overrides and
 * isolates), each shown as one visible character, so a file cannot drive the terminal it is reported on and a caret
 * stays under its column: C0 as its Unicode control picture (`␛`), the others as `�`.
 */
function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Line breaks and tabs in a message (a case id may hold them) shown escaped, so a diagnostic's first line stays one line. */
function oneLine(text: string): string {
  const escaped = text.replace(/[\n\r\t]/g, (character) =>
    character === '\n' ? '\\n' : character === '\r' ? '\\r' : '\\t',
  );
  return visible(escaped);
}

/**
 * Renders a diagnostic as `file:line:col: severity CODE: message`, the source line with a caret (or a run
 * of carets under a span on one line), and the hint. Pure: the same input always gives the same text.
 */
export function renderDiagnostic(diagnostic: Diagnostic, sourceText: string): string {
  const { line, column } = positionAt(sourceText, diagnostic.span.start);
  const sourceLine = visible(lineAt(sourceText, diagnostic.span.start).replace(/\t/g, ' '));
  const gutter = String(line).length;
  const lineRest = sourceLine.length - (column - 1);
  const width = Math.max(1, Math.min(diagnostic.span.end - diagnostic.span.start, lineRest));
  const lines = [
    `${diagnostic.file}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code}: ${oneLine(diagnostic.message)}`,
    `${' '.repeat(gutter)} |`,
    `${line} | ${sourceLine}`,
    `${' '.repeat(gutter)} | ${' '.repeat(column - 1)}${'^'.repeat(width)}`,
  ];
  if (diagnostic.hint) lines.push(`${' '.repeat(gutter)} = hint: ${oneLine(diagnostic.hint)}`);
  return lines.join('\n');
}
