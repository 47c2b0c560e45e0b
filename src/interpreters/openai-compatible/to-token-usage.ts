import type { TokenUsage } from '../../contracts/step-result.js';

/**
 * Our token usage for a chat completion's `usage`: `prompt_tokens` in, `completion_tokens` out, a count the server
 * left out as 0. Undefined when the answer has no usage at all.
 */
export function toTokenUsage(usage: unknown): TokenUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const { prompt_tokens: inputTokens, completion_tokens: outputTokens } = usage as Record<string, unknown>;
  return {
    inputTokens: typeof inputTokens === 'number' ? inputTokens : 0,
    outputTokens: typeof outputTokens === 'number' ? outputTokens : 0,
  };
}
