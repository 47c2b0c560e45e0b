import type { ReferenceAction, ToolCall, ToolChoice, ToolDefinition } from './tool.js';

/**
 * One chat message sent to an interpreter. An assistant message may carry the tool calls it made; each call's result
 * follows as a `tool` message under the call's id.
 */
export type Message =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCall[] }
  | {
      readonly role: 'tool';
      /** The result as text: JSON for values, the message for errors. */
      readonly content: string;
      readonly toolCallId: string;
      readonly toolName: string;
      /** True when the call failed: its arguments were wrong, the tool threw or timed out. */
      readonly isError?: boolean;
    };

/** Sampling settings of a call. A setting left out means the interpreter's default. */
export interface SamplingSettings {
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
}

/**
 * Identifies what a call belongs to. Real interpreters must ignore it; the simulator uses it to decide a
 * case's difficulty and what a right answer looks like.
 */
export interface CallOrigin {
  readonly programName: string;
  readonly caseId: string;
  /** The case's reference value, when it has one. */
  readonly expected?: unknown;
  /** Other cases' reference values (a few), from which the simulator draws answers to the wrong question. */
  readonly otherAnswers?: readonly unknown[];
  /** Set when the call asks a judge to score an output: the judge's name and the output judged. */
  readonly judge?: { readonly name: string; readonly output: unknown };
  /**
   * Set for the turns of an agent: the turn's number (0 first) and the case's reference actions, when it has them,
   * which the simulator follows (and errs from) to act like an agent that knows the task.
   */
  readonly agent?: { readonly turn: number; readonly actions?: readonly ReferenceAction[] };
  /**
   * Set when the call asks an interpreter to play the user of a conversation: the turn's number (0 first), the
   * case's instructions for the user, and the text that ends the conversation.
   */
  readonly simulatedUser?: { readonly turn: number; readonly instructions: string; readonly stop: string };
}

/**
 * A request for JSON that follows a schema (a typed output). Interpreters that support structured output pass it
 * on (the AI SDK's structured output, a JSON grammar for llama.cpp); the engine validates the text either way.
 */
export interface ResponseFormat {
  readonly type: 'json';
  /** A JSON Schema object, as `z.toJSONSchema` produces. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly name?: string;
}

/** What the engine asks an interpreter to run: one prompt step, fully rendered. */
export interface InterpreterCall {
  readonly messages: readonly Message[];
  readonly settings: SamplingSettings;
  readonly responseFormat?: ResponseFormat;
  /** The tools the interpreter may call in this turn; absent or empty for a call without tools. */
  readonly tools?: readonly ToolDefinition[];
  /** Which tools it may call; `auto` when absent. */
  readonly toolChoice?: ToolChoice;
  /** False to ask for at most one tool call per turn; interpreters allow several when absent. */
  readonly parallelToolCalls?: boolean;
  readonly origin: CallOrigin;
}
