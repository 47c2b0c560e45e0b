import type { ToolCall } from './tool.js';

/**
 * Tokens used by one call, when the interpreter reports them. The optional counts are parts of the two totals, present
 * only where the backend reports them.
 */
export interface TokenUsage {
  /** All input tokens, cached ones included. */
  readonly inputTokens: number;
  /** All output tokens, reasoning included. */
  readonly outputTokens: number;
  /** The part of `inputTokens` read from the provider's prompt cache. */
  readonly cachedInputTokens?: number;
  /** The part of `inputTokens` written to the provider's prompt cache. */
  readonly cacheWriteTokens?: number;
  /** The part of `outputTokens` spent reasoning. */
  readonly reasoningTokens?: number;
}

/** Why the interpreter stopped producing text: `tool-calls` when it stopped to have tools called. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/**
 * Something the interpreter could not honour, such as a `seed` it ignores. A warning never stops a run; it is
 * kept in the trace and reported once per run.
 */
export interface InterpreterWarning {
  readonly type: 'unsupported-setting' | 'other';
  /** The setting concerned, for `unsupported-setting`. */
  readonly setting?: string;
  readonly message: string;
}

/** What an interpreter returns for one call. */
export interface StepResult {
  /** The text the interpreter produced. */
  readonly text: string;
  /** The tools it asked to call, in order; absent or empty when it answered in text only. */
  readonly toolCalls?: readonly ToolCall[];
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  /** Milliseconds from the call's start to its first streamed output (text or a tool call), when it streamed. */
  readonly firstTokenMs?: number;
  readonly warnings: readonly InterpreterWarning[];
}
