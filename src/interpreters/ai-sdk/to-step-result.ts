import type { CallWarning } from 'ai';
import type { StepResult, TokenUsage } from '../../contracts/step-result.js';
import type { ToolCall } from '../../contracts/tool.js';
import { toTokenUsageOf } from '../../util/token-usage.js';
import type { LanguageModelV3FinishReason, LanguageModelV3Usage } from './language-model-v3.js';
import { toFinishReason } from './to-finish-reason.js';
import { toInterpreterWarning } from './to-interpreter-warning.js';

/** What one provider-level call answered, generated whole or read from a stream. */
export interface ModelAnswer {
  /** The text parts, joined in order (reasoning and other parts left out). */
  readonly text: string;
  /** The tools it called, in order; the arguments as the model wrote them. */
  readonly toolCalls?: readonly ToolCall[];
  /** Absent when a stream ended without saying why. */
  readonly finishReason?: LanguageModelV3FinishReason;
  readonly usage?: LanguageModelV3Usage;
  readonly warnings: readonly CallWarning[];
  /** Milliseconds from the call's start to the first piece of text or of a tool call, for a streamed answer. */
  readonly firstTokenMs?: number;
}

/**
 * Our usage of the provider's: the totals, and the parts it reports (cache reads and writes of the input, reasoning
 * of the output), each checked to be a count within its total (see `toTokenUsageOf`). Undefined when the provider
 * reported neither total.
 */
function toTokenUsage(usage: LanguageModelV3Usage | undefined): TokenUsage | undefined {
  if (usage?.inputTokens.total === undefined && usage?.outputTokens.total === undefined) return undefined;
  return toTokenUsageOf({
    inputTokens: usage.inputTokens.total,
    outputTokens: usage.outputTokens.total,
    cachedInputTokens: usage.inputTokens.cacheRead,
    cacheWriteTokens: usage.inputTokens.cacheWrite,
    reasoningTokens: usage.outputTokens.reasoning,
  });
}

/**
 * Our step result for a model's answer: its text as it is, its tool calls when it made any, the finish reason,
 * usage when known, the time to the first token when it streamed, warnings.
 */
export function toStepResult(answer: ModelAnswer): StepResult {
  const usage = toTokenUsage(answer.usage);
  return {
    text: answer.text,
    ...(answer.toolCalls && answer.toolCalls.length > 0 ? { toolCalls: answer.toolCalls } : {}),
    finishReason: toFinishReason(answer.finishReason?.unified),
    ...(usage ? { usage } : {}),
    ...(answer.firstTokenMs === undefined ? {} : { firstTokenMs: answer.firstTokenMs }),
    warnings: answer.warnings.map(toInterpreterWarning),
  };
}
