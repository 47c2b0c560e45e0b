import type { TemplatePart } from './ast.js';

/**
 * Dedents the parts of a triple-quoted block the way such blocks read in the source: the line break after the
 * opening quotes and the whitespace-only line before the closing quotes are dropped, and the indentation shared
 * by all non-blank lines is removed. An interpolation counts as non-blank text.
 */
export function dedentParts(parts: readonly TemplatePart[]): TemplatePart[] {
  // A private-use character stands in for each interpolation while the text is measured and cut.
  const marker = '\uE000';
  const interpolations = parts.filter((part) => part.kind === 'interpolation');
  let text = parts.map((part) => (part.kind === 'text' ? part.text : marker)).join('');
  text = text.replace(/\r\n/g, '\n');
  text = text.replace(/^[ \t]*\n/, '');
  text = text.replace(/\n[ \t]*$/, '');
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const indent = indents.length === 0 ? 0 : Math.min(...indents);
  text = lines.map((line) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join('\n');

  const result: TemplatePart[] = [];
  const pieces = text.split(marker);
  pieces.forEach((piece, index) => {
    if (piece !== '') result.push({ kind: 'text', text: piece });
    const interpolation = interpolations[index];
    if (index < pieces.length - 1 && interpolation) result.push(interpolation);
  });
  return result;
}
