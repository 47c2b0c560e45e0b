import type { UsageTally } from '../../contracts/usage-tally.js';
import { CompensatedSum } from '../../stats/compensated-sum.js';

/**
 * A running sum of usage tallies whose seconds and dollars are summed with compensation: the result does not depend
 * on the order the samples finished in, so a run cut into shards sums to what one run does.
 */
export class UsageSum {
  #calls = 0;
  #inputTokens = 0;
  #outputTokens = 0;
  #cachedInputTokens = 0;
  #cacheWriteTokens = 0;
  #reasoningTokens = 0;
  #unpricedCalls = 0;
  readonly #seconds = new CompensatedSum();
  readonly #cost = new CompensatedSum();
  readonly #newCost = new CompensatedSum();

  /** Adds one sample's usage. */
  add(usage: UsageTally): void {
    this.#calls += usage.calls;
    this.#inputTokens += usage.inputTokens;
    this.#outputTokens += usage.outputTokens;
    this.#cachedInputTokens += usage.cachedInputTokens;
    this.#cacheWriteTokens += usage.cacheWriteTokens;
    this.#reasoningTokens += usage.reasoningTokens;
    this.#unpricedCalls += usage.unpricedCalls;
    this.#seconds.add(usage.seconds);
    this.#cost.add(usage.cost);
    this.#newCost.add(usage.newCost);
  }

  /** The sums so far. */
  get value(): UsageTally {
    return {
      calls: this.#calls,
      inputTokens: this.#inputTokens,
      outputTokens: this.#outputTokens,
      cachedInputTokens: this.#cachedInputTokens,
      cacheWriteTokens: this.#cacheWriteTokens,
      reasoningTokens: this.#reasoningTokens,
      seconds: this.#seconds.value,
      cost: this.#cost.value,
      newCost: this.#newCost.value,
      unpricedCalls: this.#unpricedCalls,
    };
  }
}
