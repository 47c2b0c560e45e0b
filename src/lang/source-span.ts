import type { SourceSpan } from '../contracts/source-span.js';

export type { SourceSpan };

/** A line and column, both counted from 1, as editors show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Converts a character offset into a 1-based line and column. Offsets past the end clamp to it. */
export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < clamped; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/** The full text of the line holding `offset`, without its line break. */
export function lineAt(text: string, offset: number): string {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', clamped - 1) + 1;
  const newline = text.indexOf('\n', clamped);
  return text.slice(start, newline === -1 ? text.length : newline).replace(/\r$/, '');
}
