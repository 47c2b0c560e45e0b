import { describe, expect, it } from 'vitest';
import { addTokenUsage, sumTokenUsage, tokenCount, toTokenUsageOf } from './token-usage.js';

describe('token usage', () => {
  it('takes only non-negative integer counts within bounds', () => {
    expect([0, 7, 1_000_000_000].map(tokenCount)).toEqual([0, 7, 1_000_000_000]);
    for (const bad of [-1, 1.5, 1e12, Number.NaN, Number.POSITIVE_INFINITY, '5', null, {}, undefined]) {
      expect(tokenCount(bad)).toBeUndefined();
    }
  });

  it('keeps a part only when it is a positive count within its total', () => {
    expect(
      toTokenUsageOf({
        inputTokens: 100,
        outputTokens: 20,
        cachedInputTokens: 60,
        cacheWriteTokens: 30,
        reasoningTokens: 5,
      }),
    ).toEqual({ inputTokens: 100, outputTokens: 20, cachedInputTokens: 60, cacheWriteTokens: 30, reasoningTokens: 5 });
    // More cached than sent, cache writes past what is left, reasoning past the output, zeros and junk: left out.
    expect(
      toTokenUsageOf({
        inputTokens: 10,
        outputTokens: 2,
        cachedInputTokens: 11,
        cacheWriteTokens: 0,
        reasoningTokens: 3,
      }),
    ).toEqual({ inputTokens: 10, outputTokens: 2 });
    expect(toTokenUsageOf({ inputTokens: 10, outputTokens: 2, cachedInputTokens: 8, cacheWriteTokens: 3 })).toEqual({
      inputTokens: 10,
      outputTokens: 2,
      cachedInputTokens: 8,
    });
    expect(toTokenUsageOf({ inputTokens: -4, outputTokens: '9', reasoningTokens: 1 })).toEqual({
      inputTokens: 0,
      outputTokens: 0,
    });
  });

  it('sums usages, with a part where either has it', () => {
    expect(addTokenUsage(undefined, undefined)).toBeUndefined();
    expect(addTokenUsage({ inputTokens: 1, outputTokens: 2 }, undefined)).toEqual({ inputTokens: 1, outputTokens: 2 });
    expect(
      sumTokenUsage([
        { inputTokens: 10, outputTokens: 3, cachedInputTokens: 4 },
        undefined,
        { inputTokens: 5, outputTokens: 6, reasoningTokens: 2 },
        { inputTokens: 1, outputTokens: 1, cachedInputTokens: 1, cacheWriteTokens: 0 },
      ]),
    ).toEqual({ inputTokens: 16, outputTokens: 10, cachedInputTokens: 5, cacheWriteTokens: 0, reasoningTokens: 2 });
    expect(sumTokenUsage([])).toBeUndefined();
  });
});
