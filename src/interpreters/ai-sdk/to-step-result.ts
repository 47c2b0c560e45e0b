import type { CallWarning } from 'ai';
import type { StepResult, TokenUsage } from '../../contracts/step-result.js';
import type { ToolCall } from '../../contracts/tool.js';
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
}

function toTokenUsage(usage: LanguageModelV3Usage | undefined): TokenUsage | undefined {
  const inputTokens = usage?.inputTokens.total;
  const outputTokens = usage?.outputTokens.total;
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return { inputTokens: inputTokens ?? 0, outputTokens: outputTokens ?? 0 };
}

/**
 * Our step result for a model's answer: its text as it is, its tool calls when it made any, the finish reason,
 * usage when known, warnings.
 */
export function toStepResult(answer: ModelAnswer): StepResult {
  const usage = toTokenUsage(answer.usage);
  return {
    text: answer.text,
    ...(answer.toolCalls && answer.toolCalls.length > 0 ? { toolCalls: answer.toolCalls } : {}),
    finishReason: toFinishReason(answer.finishReason?.unified),
    ...(usage ? { usage } : {}),
    warnings: answer.warnings.map(toInterpreterWarning),
  };
}
