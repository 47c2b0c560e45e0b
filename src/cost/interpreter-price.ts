/**
 * What an interpreter's calls cost: dollars per million tokens of each kind, and per hour of call time. A price that
 * is not known is `undefined` where a price is expected, never zero: a run then reports tokens without a cost.
 */
export interface InterpreterPrice {
  /** Dollars per million input tokens (those neither read from nor written to the provider's prompt cache). */
  readonly inputPerMillion: number;
  /** Dollars per million output tokens, reasoning included. */
  readonly outputPerMillion: number;
  /** Dollars per million cached input tokens read; the input price when absent. */
  readonly cachedInputPerMillion?: number;
  /** Dollars per million input tokens written to the cache; the input price when absent. */
  readonly cacheWritePerMillion?: number;
  /** Dollars per hour of call time (latency), for local models on paid hardware. */
  readonly perHour?: number;
  /** Where it came from: the catalogue, the config, the simulator's made-up prices, or free (local). */
  readonly source: 'catalogue' | 'config' | 'simulated' | 'free';
  /** Shown in reports: e.g. `@pydantic/genai-prices 0.1.8 (2026-09-23): OpenAI gpt-4o-mini`. */
  readonly label: string;
}
