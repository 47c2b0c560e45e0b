import type { Diagnostic } from './diagnostic.js';
import { lineAt, positionAt } from './source-span.js';

/** Line breaks and tabs in a message (a case id may hold them) shown escaped, so a diagnostic's first line stays one line. */
function oneLine(text: string): string {
  return text.replace(/[\n\r\t]/g, (character) => (character === '\n' ? '\\n' : character === '\r' ? '\\r' : '\\t'));
}

/**
 * Renders a diagnostic as `file:line:col: severity CODE: message`, the source line with a caret (or a run
 * of carets under a span on one line), and the hint. Pure: the same input always gives the same text.
 */
export function renderDiagnostic(diagnostic: Diagnostic, sourceText: string): string {
  const { line, column } = positionAt(sourceText, diagnostic.span.start);
  const sourceLine = lineAt(sourceText, diagnostic.span.start).replace(/\t/g, ' ');
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
