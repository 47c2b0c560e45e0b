import type { EventEmitter } from 'eventemitter3';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterCall, Message } from '../contracts/interpreter-call.js';
import type { RunEvents } from '../contracts/run-events.js';
import type { StepResult } from '../contracts/step-result.js';
import type { StepTrace } from '../contracts/trace.js';
import { parseOutput } from '../program/parse-output.js';
import type { OutputDeclaration } from '../program/program.js';
import { callWithRetry } from './call-with-retry.js';
import type { RateLimiter } from './rate-limiter.js';
import { type RetryPolicy, retryMessage } from './retry-policy.js';

/** What every interpreter call of a run shares. */

export interface StepCallSetup {
  readonly interpreter: Interpreter;
  readonly runId: string;
  readonly retryPolicy: RetryPolicy;
  readonly clock: () => number;
  readonly events?: EventEmitter<RunEvents>;
  readonly rateLimiter?: RateLimiter;
  readonly signal?: AbortSignal;
  /** Whether anyone listens to `token` and `step-end`: per-step events are built only then. */
  readonly emitTokens: boolean;
  readonly emitStepEnd: boolean;
}

/** One interpreter call of one step of one sample. */
export interface StepCall {
  readonly stepName: string;
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly seed: number;
  readonly call: InterpreterCall;
  readonly messages: readonly Message[];
  /** Tokens the call is expected to use, for rate limits. */
  readonly estimate: number;
  /** The type the text is read as; the text itself when absent. */
  readonly output?: OutputDeclaration;
}

/**
 * Makes one step's interpreter call (rate limits, retries, events) and returns its trace. A failure after retries
 * is the trace's `error`, never a throw; a text that is not of the output type is its `outputProblem`.
 */
export async function interpretStep(setup: StepCallSetup, step: StepCall): Promise<StepTrace> {
  const { interpreter, events, runId, clock } = setup;
  const { caseId, sampleIndex } = step;
  const callStarted = clock();
  let result: StepResult | undefined;
  let failure: { message: string; isRetryable: boolean } | undefined;
  try {
    await setup.rateLimiter?.acquire(step.estimate, setup.signal);
    result = await callWithRetry(interpreter, step.call, {
      seed: step.seed,
      policy: setup.retryPolicy,
      signal: setup.signal,
      onToken:
        events && setup.emitTokens
          ? (text: string) => events.emit('token', { runId, timestamp: clock(), caseId, sampleIndex, text })
          : undefined,
      onRetry: events
        ? (error, attempt, delayMs) =>
            events.emit('warning', {
              runId,
              timestamp: clock(),
              kind: 'retry',
              caseId,
              message: retryMessage(setup.retryPolicy, error, attempt, delayMs),
            })
        : undefined,
    });
    const used = result.usage ? result.usage.inputTokens + result.usage.outputTokens : step.estimate;
    setup.rateLimiter?.settle(step.estimate, used);
  } catch (error) {
    const interpreterError = error as { message?: string; isRetryable?: boolean };
    failure = {
      message: interpreterError.message ?? String(error),
      isRetryable: interpreterError.isRetryable === true,
    };
    events?.emit('error', { runId, timestamp: clock(), message: failure.message, caseId, sampleIndex });
  }
  const latencyMs = clock() - callStarted;
  if (setup.emitStepEnd)
    events?.emit('step-end', { runId, timestamp: clock(), caseId, sampleIndex, stepName: step.stepName, latencyMs });
  const text = result?.text ?? '';
  const parsed = step.output && result ? parseOutput(text, step.output.type, step.output.schema) : undefined;
  return {
    name: step.stepName,
    messages: step.messages,
    text,
    output: parsed?.ok ? parsed.value : text,
    ...(parsed && !parsed.ok ? { outputProblem: parsed.problem } : {}),
    ...(result?.toolCalls && result.toolCalls.length > 0 ? { toolCalls: result.toolCalls } : {}),
    finishReason: result?.finishReason ?? 'error',
    ...(result?.usage ? { usage: result.usage } : {}),
    latencyMs,
    ...(result?.firstTokenMs === undefined ? {} : { firstTokenMs: result.firstTokenMs }),
    warnings: result?.warnings ?? [],
    ...(failure ? { error: failure } : {}),
  };
}

/** A rough count of tokens, for rate limits before the real count is known: about four characters a token. */
export function estimateTokens(messages: readonly Message[], maxTokens: number | undefined): number {
  const characters = messages.reduce((sum, message) => sum + message.content.length, 0);
  return Math.ceil(characters / 4) + (maxTokens ?? 256);
}
