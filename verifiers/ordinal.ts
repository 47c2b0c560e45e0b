import { defineVerifier } from 'informal';
import { z } from 'zod';

/**
 * `ordinal_closeness(value, expected, scale)`: how close a label is to the expected one on an ordered scale, such
 * as ["low", "medium", "high"]: 1 for the same label, falling linearly to 0 for the opposite end. A value that is
 * not on the scale scores 0. Labels are compared without case or surrounding space.
 */
export const ordinal_closeness = defineVerifier({
  description: 'closeness of two labels on an ordered scale, 1 for the same label and 0 for opposite ends',
  args: [z.unknown(), z.string(), z.array(z.string()).min(2)] as const,
  score(_context, [value, expected, scale]) {
    const position = (label: unknown) =>
      scale.findIndex((item) => item.trim().toLowerCase() === String(label).trim().toLowerCase());
    const wanted = position(expected);
    if (wanted === -1) throw new Error(`the expected label "${expected}" is not on the scale ${scale.join(' < ')}`);
    const given = position(value);
    if (given === -1) return { value: 0, status: 'scored', explanation: `"${String(value)}" is not on the scale` };
    return 1 - Math.abs(given - wanted) / (scale.length - 1);
  },
});
