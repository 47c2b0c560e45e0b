import type { Interpreter } from '../../contracts/interpreter.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import type { InterpreterWarning, StepResult } from '../../contracts/step-result.js';
import type { ToolCall } from '../../contracts/tool.js';
import { redactInterpreterError } from '../../util/redact-interpreter-error.js';
import { redactKnownSecrets, redactSecrets } from '../../util/redact-secrets.js';
import type { LanguageModelV3 } from './language-model-v3.js';
import { readModelStream } from './read-model-stream.js';
import type { ErrorContext } from './to-interpreter-error.js';
import { parallelToolCallsOptions, toModelCallOptions } from './to-model-call-options.js';
import { toStepResult } from './to-step-result.js';

/** How to present and run an AI SDK model as an interpreter. */
export interface AiSdkInterpreterOptions {
  /** The id users type, such as `openai:gpt-4o-mini`. */
  readonly id: string;
  /** A short description for reports, such as "OpenAI gpt-4o-mini (chat completions)"; credentials in it are masked. */
  readonly description: string;
  /** The endpoint, named in the hint of a failed connection. */
  readonly baseURL?: string;
  /** The environment variable of the key, named in the hint of a refused key. */
  readonly keyVariable?: string;
  /**
   * Values masked wherever they appear in error messages and the description, such as the API key a server echoes
   * back; URL credentials and keys of well-known shapes are masked without being named (see `redactSecrets`).
   */
  readonly knownSecrets?: readonly string[];
  /**
   * A limit on every call, in milliseconds, on top of the caller's `signal`. A call that passes it fails with a
   * retryable `timeout` error. The engine may instead pass `AbortSignal.timeout(ms)` in the signal: same effect.
   */
  readonly timeoutMs?: number;
  /**
   * The clock in milliseconds since the epoch, for Retry-After given as an HTTP date and for the time to the first
   * token of a streamed answer; injected in tests. Defaults to `Date.now`.
   */
  readonly now?: () => number;
  /** Releases what the model holds, such as kept-alive connections; called by the interpreter's `close`. */
  readonly close?: () => void;
  /** Streams every answer, also when nobody listens to tokens, so that results have `firstTokenMs`. */
  readonly stream?: boolean;
}

/** A listener that keeps no token: streaming only for the time to the first one. */
const ignoreToken = (_text: string) => {};

/**
 * The error mapping, which uses the AI SDK's error classes, loaded at the first call: registering these providers
 * costs nothing at startup, and runs on other interpreters never load the SDK.
 */
let errorMapping: Promise<typeof import('./to-interpreter-error.js')> | undefined;
const loadErrorMapping = () => {
  errorMapping ??= import('./to-interpreter-error.js');
  return errorMapping;
};

/**
 * The caller's signal, or one of this call alone when the interpreter has its own time limit. The limit is a
 * timer the caller clears (`dispose`), not `AbortSignal.timeout`, which Node may garbage-collect before it fires
 * once only `AbortSignal.any` refers to it.
 */
function callSignal(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): { signal?: AbortSignal; dispose(): void } {
  if (timeoutMs === undefined) return { ...(signal ? { signal } : {}), dispose() {} };
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

const parallelIgnored: InterpreterWarning = {
  type: 'unsupported-setting',
  setting: 'parallelToolCalls',
  message: 'the provider has no setting for one tool call per turn: the model may call several tools at once',
};

/**
 * The tool calls of an answer, checked: each has a name and text arguments, else the answer is malformed (an
 * error that is not retried: the same call brings the same answer).
 */
function checkedToolCalls(toolCalls: readonly ToolCall[], id: string): readonly ToolCall[] {
  for (const [position, toolCall] of toolCalls.entries()) {
    const problem =
      typeof toolCall.name !== 'string' || toolCall.name === ''
        ? 'has no function name'
        : typeof toolCall.arguments !== 'string'
          ? 'has arguments that are not JSON text'
          : undefined;
    if (problem !== undefined) {
      throw new InterpreterError(`${id} sent malformed tool calls: tool call ${position + 1} ${problem}`, {
        kind: 'bad-response',
        isRetryable: false,
      });
    }
  }
  return toolCalls;
}

/**
 * An interpreter for any AI SDK model of specification v3 (OpenAI, Anthropic, Google, an OpenAI-compatible
 * server, or `MockLanguageModelV3`). It calls the model's provider-level methods directly, without `generateText`
 * or `streamText`, whose steps, callbacks and web streams cost more than the call itself at high concurrency:
 * `doGenerate` when nobody listens to tokens, `doStream` (forwarding text to `onToken`, and timing the first token)
 * when someone does. Each call carries the sample's seed and the call's temperature, top-p and maximum of output tokens; a response format
 * goes as the provider's JSON response format, and the text comes back raw, for the engine to validate. Nothing
 * is retried here: the engine owns retries. Settings the backend ignores come back as `unsupported-setting`
 * warnings. Failures reject with an `InterpreterError` built from the error's fields (see `toInterpreterError`).
 */
export function createAiSdkInterpreter(model: LanguageModelV3, options: AiSdkInterpreterOptions): Interpreter {
  const actual = (model as { specificationVersion?: unknown }).specificationVersion;
  if (actual !== 'v3') {
    throw new TypeError(
      `the AI SDK model ${model.provider}:${model.modelId} has specification ${String(actual)}, not v3: use a provider package for AI SDK 6 (@ai-sdk/* 3.x, or 2.x for openai-compatible)`,
    );
  }
  const { id } = options;
  const clock = options.now ?? Date.now;
  const knownSecrets = options.knownSecrets ?? [];
  const baseURL = options.baseURL === undefined ? undefined : redactSecrets(options.baseURL, knownSecrets);
  return {
    id,
    description: redactSecrets(options.description, knownSecrets),
    async close() {
      options.close?.();
    },
    async interpret(call: InterpreterCall, callOptions): Promise<StepResult> {
      // Read before the first await: the call starts when it is made.
      const started = clock();
      const { toInterpreterError } = await loadErrorMapping();
      const scope = callSignal(callOptions.signal, options.timeoutMs);
      const { signal } = scope;
      const context: ErrorContext = {
        interpreterId: id,
        ...(baseURL === undefined ? {} : { baseURL }),
        ...(options.keyVariable === undefined ? {} : { keyVariable: options.keyVariable }),
        ...(signal === undefined ? {} : { signal }),
        ...(options.now === undefined ? {} : { now: options.now }),
      };
      try {
        signal?.throwIfAborted();
        const modelOptions = toModelCallOptions(call, callOptions.seed, signal, model.provider);
        // A provider without a setting for one call per turn (Google) allows several whatever the call asks.
        const unasked =
          call.parallelToolCalls === false &&
          (call.tools?.length ?? 0) > 0 &&
          parallelToolCallsOptions(model.provider, false) === undefined;
        const finish = (result: StepResult): StepResult =>
          unasked ? { ...result, warnings: [...result.warnings, parallelIgnored] } : result;
        const onToken = callOptions.onToken ?? (options.stream ? ignoreToken : undefined);
        // A server that echoes the key into the answer, or into a tool's arguments, does not get it into the trace.
        const redacted = (toolCalls: readonly ToolCall[]) =>
          checkedToolCalls(toolCalls, id).map((toolCall) => ({
            ...toolCall,
            arguments: redactKnownSecrets(toolCall.arguments, knownSecrets),
          }));
        if (!onToken) {
          const result = await model.doGenerate(modelOptions);
          let text = '';
          const toolCalls: ToolCall[] = [];
          for (const part of result.content) {
            if (part.type === 'text') text += part.text;
            else if (part.type === 'tool-call' && !part.providerExecuted) {
              toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
            }
          }
          return finish(
            toStepResult({
              text: redactKnownSecrets(text, knownSecrets),
              toolCalls: redacted(toolCalls),
              finishReason: result.finishReason,
              usage: result.usage,
              warnings: result.warnings,
            }),
          );
        }
        const { stream } = await model.doStream(modelOptions);
        const answer = await readModelStream(stream, onToken, signal, { started, clock });
        return finish(
          toStepResult({
            ...answer,
            text: redactKnownSecrets(answer.text, knownSecrets),
            toolCalls: redacted(answer.toolCalls ?? []),
          }),
        );
      } catch (error) {
        throw redactInterpreterError(toInterpreterError(error, context), knownSecrets);
      } finally {
        scope.dispose();
      }
    },
  };
}
