import { itemKeywords } from './grammar.js';

/**
 * The keywords a part of a large file may start at: each starts an item, and none continues an item begun on an
 * earlier line. Left out: `model` (a judge's or a simulated user's setting), `user` (after `simulate`) and `pass`
 * (`expect` may be followed, on the next line, by a metric such as `pass@1`).
 */
const partKeywords: ReadonlySet<string> = new Set(
  itemKeywords.filter((keyword) => keyword !== 'model' && keyword !== 'user' && keyword !== 'pass'),
);

const newline = 10;
const quote = 34;
const hash = 35;
const backslash = 92;

/** Whether the line that starts at `start` begins, after spaces and tabs, with a keyword of `partKeywords` and a space, a tab or a `"`. */
function startsWithPartKeyword(text: string, start: number): boolean {
  let index = start;
  while (text[index] === ' ' || text[index] === '\t') index++;
  const wordStart = index;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (!((code >= 97 && code <= 122) || code === 95)) break;
    index++;
  }
  const after = text[index];
  return (after === ' ' || after === '\t' || after === '"') && partKeywords.has(text.slice(wordStart, index));
}

/**
 * Where a large `.prog` file may be cut into parts that are read one at a time (see `parseInChunks`): the starts
 * of lines outside strings, text blocks, comments and brackets that begin with an item's keyword
 * (`partKeywords`). The scan only proposes: a cut that is not between two items makes a part fail to match, and
 * the file is then matched as a whole from there.
 */
export function chunkBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === newline) {
      index++;
      if (depth === 0 && startsWithPartKeyword(text, index)) boundaries.push(index);
    } else if (code === hash) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (code === quote) {
      if (text.startsWith('"""', index)) {
        // A text block runs to the next `"""`; one left open runs to the end of the file.
        const end = text.indexOf('"""', index + 3);
        if (end === -1) return boundaries;
        index = end + 3;
      } else {
        // A string ends at its closing quote, or (unterminated) before the line break.
        index++;
        while (index < text.length) {
          const inner = text.charCodeAt(index);
          if (inner === quote) {
            index++;
            break;
          }
          if (inner === newline) break;
          index += inner === backslash && text.charCodeAt(index + 1) !== newline ? 2 : 1;
        }
      }
    } else {
      if (code === 123 || code === 91 || code === 40) depth++;
      else if (code === 125 || code === 93 || code === 41) depth--;
      index++;
    }
  }
  return boundaries;
}
