import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../../contracts/step-result.js';
import { sumTokenCounts, usageTotals } from './usage-totals.js';

describe('usage totals', () => {
  it('sums tokens part by part, keeping the optional parts some entry reported', () => {
    const totals = usageTotals([
      { usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 60 }, dollars: 0.001 },
      { usage: { inputTokens: 50, outputTokens: 5, reasoningTokens: 3 }, dollars: 0.0005 },
      { dollars: 0.25 },
      { usage: { inputTokens: 7, outputTokens: 1 } },
    ]);
    expect(totals).toEqual({
      tokens: { inputTokens: 157, outputTokens: 26, cachedInputTokens: 60, reasoningTokens: 3 },
      dollars: 0.2515,
      entries: 4,
      withoutUsage: 1,
      withoutDollars: 1,
    });
  });

  it('has no dollars when no entry had a cost, and zero tokens from nothing', () => {
    expect(usageTotals([{ usage: { inputTokens: 1, outputTokens: 2 } }]).dollars).toBeUndefined();
    expect(usageTotals([])).toEqual({
      tokens: { inputTokens: 0, outputTokens: 0 },
      entries: 0,
      withoutUsage: 0,
      withoutDollars: 0,
    });
  });

  it('sums a million tenth-of-a-cent costs to the dollar exactly, where plain addition drifts', () => {
    const entries = Array.from({ length: 1_000_000 }, () => ({ dollars: 0.001 }));
    let plain = 0;
    for (const entry of entries) plain += entry.dollars;
    expect(plain).not.toBe(1000);
    expect(usageTotals(entries).dollars).toBe(1000);
  });

  it('takes the contract’s token usage, and refuses counts that are not token counts, naming entry and field', () => {
    const usage: TokenUsage = { inputTokens: 3, outputTokens: 4 };
    expect(sumTokenCounts([usage, undefined, usage])).toEqual({ inputTokens: 6, outputTokens: 8 });
    expect(() => usageTotals([{}, { usage: { inputTokens: 1, outputTokens: Number.NaN } }])).toThrow(
      'usage totals: entry 1: outputTokens must be a non-negative integer, got NaN',
    );
    expect(() => sumTokenCounts([{ inputTokens: 1, outputTokens: 1, cacheWriteTokens: -4 }])).toThrow(
      /entry 0: cacheWriteTokens must be a non-negative integer, got -4/,
    );
    expect(() => usageTotals([{ dollars: -0.5 }])).toThrow(/entry 0: dollars must be a finite number ≥ 0, got -0.5/);
  });
});
