import { z } from 'zod';

/** The values `price` takes, as its error messages name them. */
export const allowedPriceSettings =
  '0, "free", or { input, output, cachedInput?, cacheWrite?, perHour? } (dollars per million tokens; perHour in dollars per hour of call time)';

/** A number of dollars: finite and not negative, with a message that says so. */
const dollars = z
  .number({
    error: (issue) =>
      issue.input === undefined
        ? 'is missing: a number of dollars, 0 or more'
        : 'expected a number of dollars, 0 or more',
  })
  .min(0, { error: 'expected a number of dollars, 0 or more' });

/** A price set in full: dollars per million tokens of each kind, and per hour of call time. */
export const interpreterPriceObjectSchema = z.strictObject({
  /** Dollars per million input tokens. */
  input: dollars,
  /** Dollars per million output tokens. */
  output: dollars,
  /** Dollars per million cached input tokens read; the input price when absent. */
  cachedInput: dollars.optional(),
  /** Dollars per million input tokens written to the provider's cache; the input price when absent. */
  cacheWrite: dollars.optional(),
  /** Dollars per hour of call time (latency), for a local model on paid hardware. */
  perHour: dollars.optional(),
});

/** The message of a price that takes none of the forms (a wrong field of a price object gets its own message). */
const priceProblem = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_union' ? `expected ${allowedPriceSettings}` : undefined;

/**
 * The `price` of an interpreter entry: `0` or `"free"` for a model that costs nothing, or its prices in dollars per
 * million tokens (and per hour of call time). It wins over the catalogue's and the simulator's prices.
 */
export const interpreterPriceSettingSchema = z.union([z.literal(0), z.literal('free'), interpreterPriceObjectSchema], {
  error: priceProblem,
});

/** An interpreter's `price` as `informal.config.ts` sets it. */
export type InterpreterPriceSetting = z.output<typeof interpreterPriceSettingSchema>;
