import type { TokenUsage } from '../../contracts/step-result.js';
import { toTokenUsageOf } from '../../util/token-usage.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Our token usage for a chat completion's `usage`: `prompt_tokens` in, `completion_tokens` out (a count the server
 * left out, or one that is not a count, as 0), and the parts it details: `prompt_tokens_details.cached_tokens` as
 * cached input, `completion_tokens_details.reasoning_tokens` as reasoning. The server is not trusted: a part that is
 * not a count within its total is left out (see `toTokenUsageOf`). Undefined when the answer has no usage at all.
 */
export function toTokenUsage(usage: unknown): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const { prompt_tokens_details: promptDetails, completion_tokens_details: completionDetails } = usage;
  return toTokenUsageOf({
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: isRecord(promptDetails) ? promptDetails.cached_tokens : undefined,
    reasoningTokens: isRecord(completionDetails) ? completionDetails.reasoning_tokens : undefined,
  });
}
