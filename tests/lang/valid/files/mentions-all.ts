import { defineVerifier } from 'informal';
import { z } from 'zod';

/** `mentions_all(value, words)`: 1 when the value's text contains every word (ignoring case), else the share found. */
export const mentions_all = defineVerifier({
  description: 'the share of the words that the text contains, ignoring case',
  args: [z.unknown(), z.array(z.string())] as const,
  score(_context, [value, words]) {
    if (words.length === 0) return 1;
    const text = (typeof value === 'string' ? value : JSON.stringify(value)).toLowerCase();
    return words.filter((word) => text.includes(word.toLowerCase())).length / words.length;
  },
});
