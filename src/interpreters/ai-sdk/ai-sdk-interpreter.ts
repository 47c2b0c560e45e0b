import type { CallWarning, FinishReason, LanguageModel, LanguageModelUsage } from 'ai';
import type { Interpreter } from '../interpreter.js';
import type { InterpreterCall } from '../interpreter-call.js';
import type { StepResult, TokenUsage } from '../step-result.js';
import { toFinishReason } from './to-finish-reason.js';
import type { ErrorContext } from './to-interpreter-error.js';
import { toInterpreterWarning } from './to-interpreter-warning.js';

/** How to present and run an AI SDK model as an interpreter. */
export interface AiSdkInterpreterOptions {
  /** The id users type, such as `openai:gpt-4o-mini`. */
  readonly id: string;
  /** A short description for reports, such as "OpenAI gpt-4o-mini (chat completions)". */
  readonly description: string;
  /** The endpoint, named in the hint of a failed connection. */
  readonly baseURL?: string;
  /** The environment variable of the key, named in the hint of a refused key. */
  readonly keyVariable?: string;
  /**
   * A limit on every call, in milliseconds, on top of the caller's `signal`. A call that passes it fails with a
   * retryable `timeout` error. The engine may instead pass `AbortSignal.timeout(ms)` in the signal: same effect.
   */
  readonly timeoutMs?: number;
  /** The clock, for Retry-After given as an HTTP date; injected in tests. */
  readonly now?: () => number;
}

/**
 * The AI SDK and the error mapping (which uses its error classes), loaded at the first call: registering these
 * providers costs nothing at startup, and runs on other interpreters never load the SDK.
 */
let runtime: Promise<[typeof import('ai'), typeof import('./to-interpreter-error.js')]> | undefined;
const loadRuntime = () => {
  runtime ??= Promise.all([import('ai'), import('./to-interpreter-error.js')]);
  return runtime;
};

function toUsage(usage: LanguageModelUsage | undefined): TokenUsage | undefined {
  if (usage?.inputTokens === undefined && usage?.outputTokens === undefined) return undefined;
  return { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
}

/**
 * The caller's signal and the interpreter's own time limit, as one signal of this call alone: the SDK listens on
 * the signal it is given, and a run's signal shared by many concurrent calls would collect a listener per call.
 * The limit is a timer the caller clears (`dispose`), not `AbortSignal.timeout`, which Node may garbage-collect
 * before it fires once only `AbortSignal.any` refers to it.
 */
function callSignal(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): { signal?: AbortSignal; dispose(): void } {
  if (timeoutMs === undefined) return { ...(signal ? { signal: AbortSignal.any([signal]) } : {}), dispose() {} };
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  return {
    signal: signal ? AbortSignal.any([signal, limit.signal]) : limit.signal,
    dispose: () => clearTimeout(timer),
  };
}

/**
 * An interpreter for any AI SDK `LanguageModel` (OpenAI, Anthropic, Google, an OpenAI-compatible server, or a
 * mock). Each call streams (`streamText`), forwards text to `onToken`, and carries the sample's seed and the
 * call's temperature, top-p and maximum of output tokens. The SDK does not retry (`maxRetries: 0`): the engine
 * owns retries. A response format becomes the SDK's structured output; the text is returned raw, for the engine
 * to validate. Settings the backend ignores come back as `unsupported-setting` warnings. Failures reject with an
 * `InterpreterError` built from the error's fields (see `toInterpreterError`).
 *
 * The AI SDK's own console logging of warnings is turned off when nobody has configured it
 * (`globalThis.AI_SDK_LOG_WARNINGS`), since the warnings are returned in the result instead.
 */
export function createAiSdkInterpreter(model: LanguageModel, options: AiSdkInterpreterOptions): Interpreter {
  const logging = globalThis as { AI_SDK_LOG_WARNINGS?: unknown };
  logging.AI_SDK_LOG_WARNINGS ??= false;
  const { id, description } = options;
  return {
    id,
    description,
    async interpret(call: InterpreterCall, callOptions): Promise<StepResult> {
      const [{ streamText, Output, jsonSchema }, { toInterpreterError }] = await loadRuntime();
      const scope = callSignal(callOptions.signal, options.timeoutMs);
      const { signal } = scope;
      const context: ErrorContext = {
        interpreterId: id,
        ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
        ...(options.keyVariable === undefined ? {} : { keyVariable: options.keyVariable }),
        ...(signal === undefined ? {} : { signal }),
        ...(options.now === undefined ? {} : { now: options.now }),
      };
      if (signal?.aborted) {
        scope.dispose();
        throw toInterpreterError(signal.reason, context);
      }
      const { settings, responseFormat } = call;
      let text = '';
      let finishReason: FinishReason | undefined;
      let usage: LanguageModelUsage | undefined;
      const warnings: CallWarning[] = [];
      try {
        const result = streamText({
          model,
          messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
          allowSystemInMessages: true,
          seed: callOptions.seed,
          temperature: settings.temperature,
          topP: settings.topP,
          maxOutputTokens: settings.maxTokens,
          maxRetries: 0,
          abortSignal: signal,
          // Errors arrive as stream parts below; without this the SDK would also print them.
          onError: () => {},
          // A typed output: the SDK's structured output, from the JSON schema as it is.
          ...(responseFormat
            ? {
                output: Output.object({
                  schema: jsonSchema(responseFormat.schema),
                  ...(responseFormat.name ? { name: responseFormat.name } : {}),
                }),
              }
            : {}),
        });
        for await (const part of result.fullStream) {
          switch (part.type) {
            case 'text-delta':
              if (part.text === '') break;
              text += part.text;
              callOptions.onToken?.(part.text);
              break;
            case 'start-step':
              warnings.push(...part.warnings);
              break;
            case 'finish':
              finishReason = part.finishReason;
              usage = part.totalUsage;
              break;
            case 'error':
              throw part.error;
            case 'abort':
              throw signal?.reason ?? new DOMException('the call was aborted', 'AbortError');
          }
        }
      } catch (error) {
        throw toInterpreterError(error, context);
      } finally {
        scope.dispose();
      }
      const tokenUsage = toUsage(usage);
      return {
        text,
        finishReason: toFinishReason(finishReason),
        ...(tokenUsage ? { usage: tokenUsage } : {}),
        warnings: warnings.map(toInterpreterWarning),
      };
    },
  };
}
