import type { CallWarning } from 'ai';
import type {
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from './language-model-v3.js';
import { StreamedToolCalls } from './streamed-tool-calls.js';
import type { ModelAnswer } from './to-step-result.js';

/** When the call started, and the clock it was read on, to time the first piece of output. */
export interface StreamTiming {
  readonly started: number;
  readonly clock: () => number;
}

/**
 * Reads the stream of a `doStream` call to its end: forwards each piece of text to `onToken` and joins them,
 * assembles the tool calls (see `StreamedToolCalls`), keeps the warnings, the finish reason and the usage. Rejects
 * with the error of an `error` part, or with the signal's reason as soon as the signal aborts (a listener may abort
 * from `onToken`); either way the stream is cancelled, so the connection is released. With `timing`, the answer says
 * when the first non-empty text delta or the first part of a tool call came (`firstTokenMs`).
 */
export async function readModelStream(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  onToken: (text: string) => void,
  signal: AbortSignal | undefined,
  timing?: StreamTiming,
): Promise<ModelAnswer> {
  let text = '';
  let finishReason: LanguageModelV3FinishReason | undefined;
  let usage: LanguageModelV3Usage | undefined;
  const warnings: CallWarning[] = [];
  const toolCalls = new StreamedToolCalls();
  const reader = stream.getReader();
  let firstOutputAt: number | undefined;
  const output = () => {
    if (firstOutputAt === undefined && timing) firstOutputAt = timing.clock();
  };
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      switch (part.type) {
        case 'text-delta':
          if (part.delta === '') break;
          output();
          text += part.delta;
          onToken(part.delta);
          break;
        case 'tool-input-start':
          output();
          toolCalls.start(part.id, part.toolName);
          break;
        case 'tool-input-delta':
          output();
          toolCalls.delta(part.id, part.delta);
          break;
        case 'tool-call':
          output();
          toolCalls.call(part.toolCallId, part.toolName, part.input);
          break;
        case 'stream-start':
          warnings.push(...part.warnings);
          break;
        case 'finish':
          finishReason = part.finishReason;
          usage = part.usage;
          break;
        case 'error':
          throw part.error;
      }
      signal?.throwIfAborted();
    }
  } catch (error) {
    // Stops the body's download; the rejection of the cancel itself says nothing new.
    reader.cancel(error).catch(() => {});
    throw error;
  }
  return {
    text,
    toolCalls: toolCalls.end(),
    warnings,
    ...(finishReason ? { finishReason } : {}),
    ...(usage ? { usage } : {}),
    ...(timing && firstOutputAt !== undefined ? { firstTokenMs: Math.max(0, firstOutputAt - timing.started) } : {}),
  };
}
