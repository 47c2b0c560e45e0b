import { z } from 'zod';
import { type Score, scored } from '../contracts/score.js';
import type { ArgumentProblem } from './builtin-verifier.js';

/** The options of a bounds check: at least one of `min` and `max`. */
export const boundsOptions = z.strictObject({
  /** The least allowed count, inclusive. */
  min: z.number().int().nonnegative().optional(),
  /** The most allowed count, inclusive. */
  max: z.number().int().nonnegative().optional(),
});

/** Resolve-time checks of bounds: some bound given, and `min` ≤ `max`. */
export function checkBounds(name: string, options: z.output<typeof boundsOptions>): ArgumentProblem[] {
  if (options.min === undefined && options.max === undefined) {
    return [
      {
        parameter: 'options',
        message: `\`${name}\` needs a bound`,
        hint: `write \`${name}({ max: 200 })\`, \`${name}({ min: 10 })\` or both`,
      },
    ];
  }
  if (options.min !== undefined && options.max !== undefined && options.min > options.max) {
    return [{ parameter: 'options', message: `\`min\` (${options.min}) is larger than \`max\` (${options.max})` }];
  }
  return [];
}

/** 1 when the count is within the bounds, else 0 saying which bound it broke. */
export function scoreBounds(count: number, unit: string, options: z.output<typeof boundsOptions>): Score {
  if (options.min !== undefined && count < options.min) {
    return scored(0, { explanation: `${count} ${unit}, fewer than the minimum ${options.min}` });
  }
  if (options.max !== undefined && count > options.max) {
    return scored(0, { explanation: `${count} ${unit}, more than the maximum ${options.max}` });
  }
  return scored(1, { explanation: `${count} ${unit}` });
}
