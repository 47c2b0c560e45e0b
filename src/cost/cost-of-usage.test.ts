import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { costOfUsage } from './cost-of-usage.js';
import type { InterpreterPrice } from './interpreter-price.js';
import { priceOfInterpreter } from './price-of-interpreter.js';

const price: InterpreterPrice = {
  inputPerMillion: 2,
  outputPerMillion: 8,
  cachedInputPerMillion: 0.625,
  cacheWritePerMillion: 2.5,
  perHour: 9,
  source: 'config',
  label: 'test',
};

describe('the cost of a call', () => {
  it('prices each kind of token and the call time', () => {
    // Uncached input 500,000 × $2 = $1; cached 400,000 × $0.625 = $0.25; written 100,000 × $2.5 = $0.25;
    // output 250,000 × $8 = $2; 100 s at $9 an hour = $0.25. In all $3.75.
    const usage = { inputTokens: 1e6, cachedInputTokens: 400_000, cacheWriteTokens: 100_000, outputTokens: 250_000 };
    expect(costOfUsage(price, usage, 100_000)).toBe(3.75);
    expect(costOfUsage(price, usage, 0)).toBe(3.5);
    expect(costOfUsage({ ...price, perHour: undefined }, usage, 100_000)).toBe(3.5);
  });

  it('prices cache reads and writes as input when the price sets no price for them', () => {
    const plain: InterpreterPrice = { inputPerMillion: 2, outputPerMillion: 8, source: 'config', label: 'test' };
    // 1,000,000 input tokens × $2, whatever part of them the cache served or took; 125,000 output × $8 = $1.
    expect(
      costOfUsage(
        plain,
        { inputTokens: 1e6, cachedInputTokens: 400_000, cacheWriteTokens: 100_000, outputTokens: 125_000 },
        5000,
      ),
    ).toBe(3);
  });

  it('counts no usage as no tokens, so only the call time costs', () => {
    // 40 s at $9 an hour = $0.1.
    expect(costOfUsage(price, undefined, 40_000)).toBeCloseTo(0.1, 15);
    expect(costOfUsage({ ...price, perHour: undefined }, undefined, 40_000)).toBe(0);
  });

  it('trusts no impossible count a server reports', () => {
    // A cache read larger than the input is cut to the input: 1,000 tokens × $0.625 per million.
    expect(costOfUsage(price, { inputTokens: 1000, cachedInputTokens: 5000, outputTokens: 0 }, 0)).toBe(0.000625);
    // A write that with the reads passes the input is cut to the rest: 600 × $0.625 + 400 × $2.5 = $0.001375.
    expect(
      costOfUsage(price, { inputTokens: 1000, cachedInputTokens: 600, cacheWriteTokens: 900, outputTokens: 0 }, 0),
    ).toBe(0.001375);
    expect(costOfUsage(price, { inputTokens: -1e9, outputTokens: Number.NaN }, -3_600_000)).toBe(0);
    expect(costOfUsage(price, { inputTokens: Number.POSITIVE_INFINITY, outputTokens: 0 }, Number.NaN)).toBe(0);
  });

  it('is a small sum for a small call on a cheap hosted model', () => {
    const mini = priceOfInterpreter('openai:gpt-4o-mini') as InterpreterPrice;
    // 1,200 input tokens × $0.15 + 300 output × $0.6, per million: $0.00018 + $0.00018.
    expect(costOfUsage(mini, { inputTokens: 1200, outputTokens: 300 }, 800)).toBeCloseTo(0.00036, 15);
  });

  it("agrees with the catalogue's own calculation, cached tokens included", () => {
    const usage = { inputTokens: 12_000, cachedInputTokens: 8000, cacheWriteTokens: 3000, outputTokens: 500 };
    const asCatalogue = {
      input_tokens: usage.inputTokens,
      cache_read_tokens: usage.cachedInputTokens,
      cache_write_tokens: usage.cacheWriteTokens,
      output_tokens: usage.outputTokens,
    };
    const haiku = priceOfInterpreter('anthropic:claude-haiku-4-5') as InterpreterPrice;
    // 1,000 uncached × $1 + 8,000 cached × $0.1 + 3,000 written × $1.25 + 500 output × $5, per million.
    expect(costOfUsage(haiku, usage, 1000)).toBeCloseTo(0.00805, 15);
    const catalogue = calcPrice(asCatalogue, 'claude-haiku-4-5', { providerId: 'anthropic' });
    expect(costOfUsage(haiku, usage, 1000)).toBeCloseTo(catalogue?.total_price ?? Number.NaN, 15);
    const mini = priceOfInterpreter('openai:gpt-4o-mini') as InterpreterPrice;
    const noWrites = { ...usage, cacheWriteTokens: 0 };
    const miniCatalogue = calcPrice({ ...asCatalogue, cache_write_tokens: 0 }, 'gpt-4o-mini', { providerId: 'openai' });
    expect(costOfUsage(mini, noWrites, 1000)).toBeCloseTo(miniCatalogue?.total_price ?? Number.NaN, 15);
    // Below its first tier, a tiered model costs its base price in both.
    const pro = priceOfInterpreter('google:gemini-2.5-pro') as InterpreterPrice;
    const proCatalogue = calcPrice({ ...asCatalogue, cache_write_tokens: 0 }, 'gemini-2.5-pro', {
      providerId: 'google',
    });
    expect(costOfUsage(pro, noWrites, 1000)).toBeCloseTo(proCatalogue?.total_price ?? Number.NaN, 15);
  });
});
