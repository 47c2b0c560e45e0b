import type { TokenUsage } from '../../contracts/step-result.js';
import { contentText, type ReadAnswerResult, withToolCalls } from './chat-completion-answer.js';
import { toFinishReason } from './to-finish-reason.js';
import { toTokenUsage } from './to-token-usage.js';
import { ToolCallFragments } from './tool-call-fragments.js';

/** Why an event of a streamed chat completion stops the call. */
export type StreamProblem =
  /** The event's data is not a chunk of a chat completion. */
  | { readonly type: 'unreadable'; readonly reason: string }
  /** The event's tool calls are wrong (see `ToolCallFragments`): the model's fault, not the wire's. */
  | { readonly type: 'malformed'; readonly reason: string }
  /** The server sent an error in the stream (`{ "error": { "message": … } }`). */
  | { readonly type: 'server-error'; readonly message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** When a stream's call started, and the clock it was read on, to time the first piece of output. */
export interface StreamTiming {
  readonly started: number;
  readonly clock: () => number;
}

/**
 * Reads a streamed chat completion event by event (the data of each server-sent event): passes each piece of the
 * first choice's text to `onToken` as it arrives and joins them; assembles its tool calls from their fragments;
 * keeps the finish reason and the usage (the last chunk's, with `stream_options.include_usage`); leaves reasoning
 * out. `[DONE]` is skipped. With `timing`, the answer says when the first piece of text (or refusal) or of a tool
 * call came; an event carrying only the role, reasoning or an empty text is not output.
 */
export class ChatCompletionStream {
  private text = '';
  private finishReason: unknown;
  private refused = false;
  private usage: TokenUsage | undefined;
  private readonly toolCalls = new ToolCallFragments();

  private firstOutputAt: number | undefined;

  constructor(
    private readonly onToken: (text: string) => void,
    private readonly timing?: StreamTiming,
  ) {}

  /** Reads one event; returns what stops the call, if anything. `onToken` may throw through it. */
  event(data: string): StreamProblem | undefined {
    if (data === '[DONE]') return undefined;
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch (error) {
      return { type: 'unreadable', reason: `an event is not JSON (${(error as Error).message})` };
    }
    if (!isRecord(chunk)) return { type: 'unreadable', reason: 'an event is not a JSON object' };
    if (chunk.error !== undefined) {
      const { error } = chunk;
      const message = isRecord(error) && typeof error.message === 'string' ? error.message : JSON.stringify(error);
      return { type: 'server-error', message };
    }
    if (chunk.usage != null) this.usage = toTokenUsage(chunk.usage);
    const { choices } = chunk;
    if (choices === undefined) return undefined;
    if (!Array.isArray(choices)) return { type: 'unreadable', reason: 'an event has `choices` that is not a list' };
    const choice: unknown = choices[0];
    if (!isRecord(choice)) return undefined;
    if (choice.finish_reason != null) this.finishReason = choice.finish_reason;
    const { delta } = choice;
    if (!isRecord(delta)) return undefined;
    const piece = contentText(delta.content);
    if (piece === undefined) return { type: 'unreadable', reason: 'an event has a `content` that is not text' };
    if (piece !== '') this.token(piece);
    const problem = this.toolCalls.push(delta.tool_calls);
    if (problem !== undefined) return { type: 'malformed', reason: problem };
    if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) this.output();
    if (typeof delta.refusal === 'string' && delta.refusal !== '') {
      this.refused = true;
      this.token(delta.refusal);
    }
    return undefined;
  }

  /** The answer, once the stream has ended; a stream that never said why it stopped was cut short. */
  end(): ReadAnswerResult {
    if (this.finishReason === undefined) return { ok: false, reason: 'the stream ended without a finish reason' };
    const calls = this.toolCalls.end();
    if (!calls.ok) return { ok: false, reason: calls.reason, malformed: true };
    const { usage, timing, firstOutputAt } = this;
    const answer = {
      text: this.text,
      finishReason: toFinishReason(this.finishReason, this.refused),
      ...(usage ? { usage } : {}),
      ...(timing && firstOutputAt !== undefined ? { firstTokenMs: Math.max(0, firstOutputAt - timing.started) } : {}),
    };
    return { ok: true, answer: withToolCalls(answer, calls.toolCalls) };
  }

  private token(piece: string): void {
    this.output();
    this.text += piece;
    this.onToken(piece);
  }

  /** Notes the time of the first output. */
  private output(): void {
    if (this.firstOutputAt === undefined && this.timing) this.firstOutputAt = this.timing.clock();
  }
}
