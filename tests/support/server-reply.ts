import type { ScriptedToolCall } from './tool-call-replies.js';

/**
 * How the server answers one chat request. `answer` is the normal case; every other reply is a failure mode.
 * Streaming requests (`stream: true`) get SSE, others a JSON body.
 */
export type ServerReply =
  /**
   * A normal answer. `text` defaults to the server's `answer`. `usage` adds its fields to the usage the server counts
   * (such as `prompt_tokens_details`), or replaces its counts.
   */
  | {
      readonly type: 'answer';
      readonly text?: string;
      readonly finishReason?: string;
      readonly usage?: Readonly<Record<string, unknown>>;
    }
  /**
   * An answer that calls tools, after `text` (none by default), finishing with `tool_calls` unless `finishReason`
   * says otherwise. Streamed, each call's arguments come in pieces (see `toolCallDeltas`), the calls' fragments
   * alternating with `interleave`; `deltas` replaces them with the given `delta.tool_calls` of each event; with
   * `bytewise` the stream is written one byte at a time, each write flushed before the next.
   */
  | {
      readonly type: 'tool-calls';
      readonly calls: readonly ScriptedToolCall[];
      readonly text?: string;
      readonly finishReason?: string;
      readonly interleave?: boolean;
      readonly deltas?: readonly unknown[][];
      readonly bytewise?: boolean;
    }
  /** An HTTP error with an OpenAI-style error body, such as 429 with `{ 'retry-after': '2' }`, 500 or 503. */
  | {
      readonly type: 'status';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    }
  /** Never answers: holds the request until the client gives up (or `maxHangMs` passes, then drops it). */
  | { readonly type: 'hang' }
  /** Status 200 with a body that is not JSON (for streams: an SSE event whose data is not JSON). */
  | { readonly type: 'bad-json' }
  /** Sends part of the answer, then destroys the connection: `chunks` SSE chunks, or half the JSON body. */
  | { readonly type: 'cut'; readonly chunks?: number }
  /** Destroys the connection before any answer, as a crashed server does. */
  | { readonly type: 'reset' }
  /** Holds the request until `until` settles, then answers normally (unless the client went away meanwhile). */
  | { readonly type: 'wait'; readonly until: Promise<unknown> };
