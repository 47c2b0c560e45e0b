import type { TokenUsage } from '../contracts/step-result.js';
import type { InterpreterPrice } from './interpreter-price.js';

/** A count as reported, or 0 when it is not a count (negative, NaN, infinite): usage comes from servers we do not trust. */
const count = (value: number | undefined): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;

/**
 * The dollars of one call: its uncached input, cached input read, input written to the cache and output tokens, each
 * at its price per million (cache reads and writes at the input price when the price sets none), plus its call time
 * at the price per hour. No usage counts as no tokens. Cache parts larger than the input are cut to it, so no part
 * is counted twice.
 */
export function costOfUsage(price: InterpreterPrice, usage: TokenUsage | undefined, latencyMs: number): number {
  const input = count(usage?.inputTokens);
  const cached = Math.min(count(usage?.cachedInputTokens), input);
  const written = Math.min(count(usage?.cacheWriteTokens), input - cached);
  const tokens =
    (input - cached - written) * price.inputPerMillion +
    cached * (price.cachedInputPerMillion ?? price.inputPerMillion) +
    written * (price.cacheWritePerMillion ?? price.inputPerMillion) +
    count(usage?.outputTokens) * price.outputPerMillion;
  return tokens / 1e6 + ((price.perHour ?? 0) * count(latencyMs)) / 3.6e6;
}
