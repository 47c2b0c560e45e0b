import type { TokenUsage } from '../contracts/step-result.js';

/** The most tokens one call is believed to use; a larger count from a server is not a count. */
export const maxTokensOfOneCall = 1_000_000_000;

/**
 * A count of tokens as a backend reported it, when it is one: a non-negative integer no larger than
 * `maxTokensOfOneCall`. Anything else (a negative, fractional, huge or non-numeric value from an untrusted server) is
 * undefined.
 */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxTokensOfOneCall
    ? value
    : undefined;
}

/** The counts a backend reported for one call, any of them possibly missing or not a count. */
export interface ReportedTokens {
  readonly inputTokens?: unknown;
  readonly outputTokens?: unknown;
  readonly cachedInputTokens?: unknown;
  readonly cacheWriteTokens?: unknown;
  readonly reasoningTokens?: unknown;
}

/**
 * Our usage of a backend's counts: each total a count or 0, and each part kept only when it is a positive count
 * within its total (the input parts together too), so that a part never claims more than the whole and a part of 0,
 * which costs as much as none, is left out.
 */
export function toTokenUsageOf(reported: ReportedTokens): TokenUsage {
  const inputTokens = tokenCount(reported.inputTokens) ?? 0;
  const outputTokens = tokenCount(reported.outputTokens) ?? 0;
  const part = (value: unknown, whole: number) => {
    const count = tokenCount(value);
    return count !== undefined && count > 0 && count <= whole ? count : undefined;
  };
  const cachedInputTokens = part(reported.cachedInputTokens, inputTokens);
  const cacheWriteTokens = part(reported.cacheWriteTokens, inputTokens - (cachedInputTokens ?? 0));
  const reasoningTokens = part(reported.reasoningTokens, outputTokens);
  return {
    inputTokens,
    outputTokens,
    ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }),
    ...(cacheWriteTokens === undefined ? {} : { cacheWriteTokens }),
    ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
  };
}

/**
 * The sum of two usages, undefined when both are; a part is in the sum when either has it. Summing the calls of a
 * trajectory, a composed program or a judge.
 */
export function addTokenUsage(sum: TokenUsage | undefined, usage: TokenUsage | undefined): TokenUsage | undefined {
  if (!usage) return sum;
  if (!sum) return usage;
  const part = (key: 'cachedInputTokens' | 'cacheWriteTokens' | 'reasoningTokens') =>
    sum[key] === undefined && usage[key] === undefined ? {} : { [key]: (sum[key] ?? 0) + (usage[key] ?? 0) };
  return {
    inputTokens: sum.inputTokens + usage.inputTokens,
    outputTokens: sum.outputTokens + usage.outputTokens,
    ...part('cachedInputTokens'),
    ...part('cacheWriteTokens'),
    ...part('reasoningTokens'),
  };
}

/** The sum of `usages` (an undefined one adds nothing), undefined when none is defined. */
export function sumTokenUsage(usages: readonly (TokenUsage | undefined)[]): TokenUsage | undefined {
  return usages.reduce<TokenUsage | undefined>((sum, usage) => addTokenUsage(sum, usage), undefined);
}
