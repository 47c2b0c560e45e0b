import type { Score } from '../contracts/score.js';
import { formatMetric } from './format-number.js';

/** A score's value as a table shows it: three decimals, or its status when it has no value. */
export function scoreValueText(score: Score): string {
  return score.status === 'scored' && score.value !== null ? formatMetric(score.value) : score.status;
}

/**
 * A verification tree as indented lines, one per score: its value, the expression (or verifier name) that made it,
 * and its explanation. The parts of a composed score follow it, indented by two more spaces.
 */
export function scoreTreeLines(score: Score, indent = ''): string[] {
  const label = score.expression ?? score.name ?? 'score';
  const lines = [
    `${indent}${scoreValueText(score)}  ${oneLine(label)}${score.explanation ? ` — ${oneLine(score.explanation)}` : ''}`,
  ];
  for (const part of score.parts ?? []) lines.push(...scoreTreeLines(part, `${indent}  `));
  return lines;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A text on one line: line breaks and other control characters shown as escapes, never sent to a terminal. */
export function oneLine(text: string): string {
  return text.replace(controlCharacter, (character) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
