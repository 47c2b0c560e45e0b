import { z } from 'zod';
import { scored } from '../contracts/score.js';
import { valueToText } from '../lang/render-template.js';
import { type ArgumentProblem, defineBuiltin } from './builtin-verifier.js';
import { findNumbers } from './find-numbers.js';
import { quote } from './normalize-text.js';

const nonNegative = z.number().nonnegative();

const numericOptions = z.strictObject({
  /** Absolute tolerance: full credit when |actual − expected| ≤ tolerance. Default 0. */
  tolerance: nonNegative.optional(),
  /** Relative tolerance: full credit when |actual − expected| ≤ relative × |expected|. Default 0. */
  relative: nonNegative.optional(),
  /** Graded credit: beyond the tolerance, credit falls linearly to 0 at this distance. Without it, 0 at once. */
  zero_at: nonNegative.optional(),
  /** Which number of the text to read: the `last` (default), the `first`, or the `closest` to the expected one. */
  pick: z.enum(['last', 'first', 'closest']).optional(),
});

type NumericOptions = z.output<typeof numericOptions>;

/** The numbers a value holds: itself when it is a number, else the numbers written in its text. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [value] : [];
  return findNumbers(valueToText(value)).map((found) => found.value);
}

/** Credit for a distance: 1 within the tolerance, falling linearly to 0 at `zero_at`, else 0. */
function credit(distance: number, allowed: number, zeroAt: number | undefined): number {
  // A sliver of slack so that 0.1 + 0.2 equals 0.3.
  if (distance <= allowed + 1e-12 * Math.max(1, allowed)) return 1;
  if (zeroAt === undefined || distance >= zeroAt || zeroAt <= allowed) return 0;
  return (zeroAt - distance) / (zeroAt - allowed);
}

/**
 * `numeric(value, expected, { tolerance, relative, zero_at, pick })`: reads a number from the value (a number,
 * or the `last` number written in its text: negatives, decimals, thousands separators and exponents included)
 * and scores its distance to the expected number: 1 within the tolerance (the larger of the absolute and the
 * relative one), then linearly down to 0 at `zero_at` when given, else 0.
 */
export const numeric = defineBuiltin({
  name: 'numeric',
  summary: 'the number in the value is within a tolerance of the expected number (graded by distance)',
  parameters: [
    { name: 'value', type: 'any value' },
    {
      name: 'expected',
      type: 'a number or a text holding one',
      schema: z.union([z.number(), z.string()]),
      absent: 'expected',
    },
  ],
  options: numericOptions,
  check(known, options: NumericOptions): ArgumentProblem[] {
    const problems: ArgumentProblem[] = [];
    if (typeof known.expected === 'string' && findNumbers(known.expected).length === 0) {
      problems.push({ parameter: 'expected', message: `${quote(known.expected)} holds no number` });
    }
    if (options.zero_at !== undefined && options.zero_at <= (options.tolerance ?? 0)) {
      problems.push({
        parameter: 'options',
        message: '`zero_at` must be larger than `tolerance`',
        hint: 'credit is full up to `tolerance` and falls to 0 at `zero_at`',
      });
    }
    return problems;
  },
  score([value, expectedValue], options) {
    const expected = numbersIn(expectedValue)[0];
    if (expected === undefined)
      throw new Error(`the expected value ${quote(valueToText(expectedValue))} holds no number`);
    const found = numbersIn(value);
    if (found.length === 0) return scored(0, { explanation: `no number in ${quote(valueToText(value))}` });
    const pick = options.pick ?? 'last';
    const actual =
      pick === 'first'
        ? (found[0] as number)
        : pick === 'last'
          ? (found.at(-1) as number)
          : found.reduce((best, candidate) =>
              Math.abs(candidate - expected) < Math.abs(best - expected) ? candidate : best,
            );
    const allowed = Math.max(options.tolerance ?? 0, (options.relative ?? 0) * Math.abs(expected));
    const value01 = credit(Math.abs(actual - expected), allowed, options.zero_at);
    return scored(value01, value01 === 1 ? {} : { explanation: `expected ${expected}, got ${actual}` });
  },
});
