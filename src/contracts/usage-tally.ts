/** What some calls used and cost. */
export interface UsageTally {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens: number;
  readonly cacheWriteTokens: number;
  readonly reasoningTokens: number;
  /** Seconds the calls took, one after the other. */
  readonly seconds: number;
  /** Dollars of the priced calls, those served from the cache included (what drawing them costs). */
  readonly cost: number;
  /** Dollars of the priced calls made anew, not served from the cache (what this run paid). */
  readonly newCost: number;
  /** Calls on an interpreter without a price, left out of `cost`. */
  readonly unpricedCalls: number;
}
