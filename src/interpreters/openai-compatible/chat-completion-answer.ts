import type { FinishReason, TokenUsage } from '../../contracts/step-result.js';
import type { ToolCall } from '../../contracts/tool.js';
import { readToolCalls } from './read-tool-calls.js';
import { toFinishReason } from './to-finish-reason.js';
import { toTokenUsage } from './to-token-usage.js';

/**
 * What a chat completion answered: the text, the tools it called (when it called any), why it stopped, and the
 * tokens it used when the server said.
 */
export interface ChatCompletionAnswer {
  readonly text: string;
  readonly toolCalls?: readonly ToolCall[];
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  /** Milliseconds from the call's start to the first piece of text or of a tool call, for a streamed answer. */
  readonly firstTokenMs?: number;
}

/**
 * A chat completion read from the server's text, or why it could not be read. `malformed` marks an answer that
 * arrived whole but whose tool calls are wrong (no name, arguments that are not text): asking again with the same
 * seed brings the same answer, so it is not retried.
 */
export type ReadAnswerResult =
  | { readonly ok: true; readonly answer: ChatCompletionAnswer }
  | { readonly ok: false; readonly reason: string; readonly malformed?: boolean };

/**
 * The answer with its tool calls, when there are any; a server that called tools but said `stop` (some do) stopped
 * for the tool calls.
 */
export function withToolCalls(answer: ChatCompletionAnswer, toolCalls: readonly ToolCall[]): ChatCompletionAnswer {
  if (toolCalls.length === 0) return answer;
  return { ...answer, toolCalls, ...(answer.finishReason === 'stop' ? { finishReason: 'tool-calls' } : {}) };
}

/**
 * The text of a message's `content`: a string, or the `text` of its text parts in order (a server's reasoning
 * parts, such as `thinking`, left out). Undefined when the content has another shape.
 */
export function contentText(content: unknown): string | undefined {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const part of content as unknown[]) {
    if (typeof part !== 'object' || part === null) return undefined;
    const { type, text: partText } = part as { type?: unknown; text?: unknown };
    if (type === 'text' && typeof partText === 'string') text += partText;
  }
  return text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Reads the JSON body of a chat completion (not streamed): the first choice's message content, with a refusal
 * after it as the AI SDK gives it (and `stop` then read as `content-filter`), reasoning left out, its tool calls
 * (see `readToolCalls`), the finish reason and the usage. A body that is not JSON, has no choices, or a message of
 * another shape cannot be read; tool calls that are wrong make it malformed.
 */
export function readChatCompletion(body: string): ReadAnswerResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `the body is not JSON (${(error as Error).message})` };
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.choices)) {
    return { ok: false, reason: 'the body has no `choices`' };
  }
  const choice: unknown = parsed.choices[0];
  if (choice === undefined) return { ok: false, reason: '`choices` is empty' };
  if (!isRecord(choice) || !isRecord(choice.message)) return { ok: false, reason: 'the first choice has no `message`' };
  const { content, refusal } = choice.message;
  let text = contentText(content);
  if (text === undefined) return { ok: false, reason: 'the message `content` is neither text nor a list of parts' };
  const refused = typeof refusal === 'string' && refusal !== '';
  if (refused) text += refusal;
  const calls = readToolCalls(choice.message.tool_calls);
  if (!calls.ok) return { ok: false, reason: calls.reason, malformed: true };
  const usage = toTokenUsage(parsed.usage);
  const answer = { text, finishReason: toFinishReason(choice.finish_reason, refused), ...(usage ? { usage } : {}) };
  return { ok: true, answer: withToolCalls(answer, calls.toolCalls) };
}
