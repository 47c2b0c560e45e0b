import { valueToText } from '../lang/render-template.js';
import { defineBuiltin } from './builtin-verifier.js';
import { boundsOptions, checkBounds, scoreBounds } from './length-bounds.js';

/** The number of Unicode code points in a text, counted without copying it. */
function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

/** `length(value, { min, max })`: 1 when the value's text has between `min` and `max` characters (code points), else 0. */
export const length = defineBuiltin({
  name: 'length',
  summary: 'the number of characters is within bounds',
  parameters: [{ name: 'value', type: 'any value' }],
  options: boundsOptions,
  check: (_known, options) => checkBounds('length', options),
  score: ([value], options) => scoreBounds(codePoints(valueToText(value)), 'characters', options),
});
