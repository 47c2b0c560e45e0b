import { defineVerifier } from 'informal';
import { z } from 'zod';

/**
 * `keyword_coverage(value, keywords, { ignore_case })`: the share of the keywords that occur in the value's text,
 * as whole words. Without keywords it scores 1.
 */
export const keyword_coverage = defineVerifier({
  description: 'the share of the keywords that occur in the text as whole words',
  args: [z.unknown(), z.array(z.string())] as const,
  options: z.strictObject({ ignore_case: z.boolean().optional() }),
  score(_context, [value, keywords], options) {
    if (keywords.length === 0) return 1;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const flags = options.ignore_case === false ? 'u' : 'iu';
    const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const missing = keywords.filter(
      (word) => !new RegExp(`(?<![\\p{L}\\p{N}])${escaped(word)}(?![\\p{L}\\p{N}])`, flags).test(text),
    );
    const share = (keywords.length - missing.length) / keywords.length;
    return {
      value: share,
      status: 'scored',
      ...(missing.length > 0 ? { explanation: `missing ${missing.map((word) => `"${word}"`).join(', ')}` } : {}),
    };
  },
});
