import { valueToText } from '../lang/render-template.js';
import { defineBuiltin } from './builtin-verifier.js';
import { boundsOptions, checkBounds, scoreBounds } from './length-bounds.js';

/** The number of whitespace-separated words in a text. */
function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/\S+/gu)) count++;
  return count;
}

/** `word_count(value, { min, max })`: 1 when the value's text has between `min` and `max` words, else 0. */
export const wordCount = defineBuiltin({
  name: 'word_count',
  summary: 'the number of whitespace-separated words is within bounds',
  parameters: [{ name: 'value', type: 'any value' }],
  options: boundsOptions,
  check: (_known, options) => checkBounds('word_count', options),
  score: ([value], options) => scoreBounds(countWords(valueToText(value)), 'words', options),
});
