import { CompensatedSum } from '../compensated-sum.js';

/**
 * Tokens of one call or of many, as interpreters report them (the shape of `TokenUsage` in
 * src/contracts/step-result.ts). The optional parts are shares of the two totals, absent where not reported.
 */
export interface TokenCounts {
  /** All input tokens, cached ones included. */
  readonly inputTokens: number;
  /** All output tokens, reasoning included. */
  readonly outputTokens: number;
  /** The part of `inputTokens` read from the provider's prompt cache. */
  readonly cachedInputTokens?: number;
  /** The part of `inputTokens` written to the provider's prompt cache. */
  readonly cacheWriteTokens?: number;
  /** The part of `outputTokens` spent reasoning. */
  readonly reasoningTokens?: number;
}

/** What one sample (or call) used: its tokens and its dollars, each absent when unknown. */
export interface UsageEntry {
  /** Tokens used; absent when the interpreter reported none. */
  readonly usage?: TokenCounts;
  /** Dollars spent; absent when the interpreter has no price. */
  readonly dollars?: number;
}

/** The sums of many entries' usage, with how many entries each sum is missing. */
export interface UsageTotals {
  /** Summed tokens; an optional part is present when at least one entry reported it. */
  readonly tokens: TokenCounts;
  /** Summed dollars, compensated (Neumaier); absent when no entry had a cost. */
  readonly dollars?: number;
  /** The entries summed. */
  readonly entries: number;
  /** Entries without usage: the token sums leave them out, so they are a lower bound when this is above 0. */
  readonly withoutUsage: number;
  /** Entries without a cost: the dollar sum leaves them out. */
  readonly withoutDollars: number;
}

const optionalParts = ['cachedInputTokens', 'cacheWriteTokens', 'reasoningTokens'] as const;

/**
 * Sums token counts part by part, skipping undefined ones. Throws a RangeError naming the entry and field of a count
 * that is not a non-negative integer.
 */
export function sumTokenCounts(counts: readonly (TokenCounts | undefined)[]): TokenCounts {
  let inputTokens = 0;
  let outputTokens = 0;
  const optional: Partial<Record<(typeof optionalParts)[number], number>> = {};
  counts.forEach((count, index) => {
    if (count === undefined) return;
    inputTokens += checkTokens(count.inputTokens, index, 'inputTokens');
    outputTokens += checkTokens(count.outputTokens, index, 'outputTokens');
    for (const part of optionalParts) {
      const tokens = count[part];
      if (tokens !== undefined) optional[part] = (optional[part] ?? 0) + checkTokens(tokens, index, part);
    }
  });
  return { inputTokens, outputTokens, ...optional };
}

/**
 * The totals of many entries' tokens and dollars. Token counts are integers, summed exactly up to 2^53; dollars,
 * many small fractions, are summed with compensation so that a million samples at $0.0001 give $100 to the cent
 * and beyond. Throws a RangeError naming the entry and field of a count that is not a non-negative integer or of
 * dollars that are not a finite number ≥ 0.
 */
export function usageTotals(entries: readonly UsageEntry[]): UsageTotals {
  const dollars = new CompensatedSum();
  let withoutDollars = 0;
  entries.forEach((entry, index) => {
    if (entry.dollars === undefined) {
      withoutDollars++;
      return;
    }
    if (!(Number.isFinite(entry.dollars) && entry.dollars >= 0)) {
      throw new RangeError(`usage totals: entry ${index}: dollars must be a finite number ≥ 0, got ${entry.dollars}`);
    }
    dollars.add(entry.dollars);
  });
  const tokens = sumTokenCounts(entries.map((entry) => entry.usage));
  return {
    tokens,
    ...(withoutDollars < entries.length ? { dollars: dollars.value } : {}),
    entries: entries.length,
    withoutUsage: entries.filter((entry) => entry.usage === undefined).length,
    withoutDollars,
  };
}

function checkTokens(tokens: number, index: number, field: string): number {
  if (!(Number.isSafeInteger(tokens) && tokens >= 0)) {
    throw new RangeError(`usage totals: entry ${index}: ${field} must be a non-negative integer, got ${tokens}`);
  }
  return tokens;
}
