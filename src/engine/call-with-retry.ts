import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterCall } from '../contracts/interpreter-call.js';
import { InterpreterError } from '../contracts/interpreter-error.js';
import type { StepResult } from '../contracts/step-result.js';
import { redactInterpreterError } from '../util/redact-interpreter-error.js';
import { abortableSleep } from './abortable-sleep.js';
import { backoffDelay, type RetryPolicy } from './retry-policy.js';

/** What one call with retries needs besides the call itself. */
export interface CallWithRetryOptions {
  readonly seed: number;
  readonly policy: RetryPolicy;
  /** Aborts the call and any wait between attempts. */
  readonly signal?: AbortSignal;
  readonly onToken?: (text: string) => void;
  /** Told before each wait, for warnings and progress. */
  readonly onRetry?: (error: InterpreterError, attempt: number, delayMs: number) => void;
}

/** Any thrown value as an InterpreterError, keeping the facts an InterpreterError-like object carries. */
export function toInterpreterError(error: unknown): InterpreterError {
  if (error instanceof InterpreterError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const retryable = (error as { isRetryable?: unknown } | null)?.isRetryable === true;
  return new InterpreterError(message, {
    kind: retryable ? 'server' : 'request',
    isRetryable: retryable,
    cause: error,
  });
}

/**
 * Calls the interpreter, limiting each attempt to the policy's timeout and retrying retryable failures with
 * backoff (honouring Retry-After). Throws the last error as an InterpreterError, credentials in its text masked.
 */
export async function callWithRetry(
  interpreter: Interpreter,
  call: InterpreterCall,
  options: CallWithRetryOptions,
): Promise<StepResult> {
  const { policy, signal } = options;
  const limitMs = policy.timeoutMs > 0 && !interpreter.instant ? policy.timeoutMs : 0;
  for (let attempt = 0; ; attempt++) {
    // One controller and one timer per attempt, cleared when it ends: cheaper than AbortSignal.timeout with
    // AbortSignal.any, and never collected before it fires (which Node 20 does to a timeout signal held only by any()).
    const attemptController = limitMs > 0 ? new AbortController() : undefined;
    let timedOut = false;
    const timer = attemptController
      ? setTimeout(() => {
          timedOut = true;
          attemptController.abort(new DOMException(`no answer within ${limitMs} ms`, 'TimeoutError'));
        }, limitMs)
      : undefined;
    const onCancel = () => attemptController?.abort(signal?.reason);
    if (attemptController && signal) {
      if (signal.aborted) onCancel();
      else signal.addEventListener('abort', onCancel, { once: true });
    }
    const attemptSignal = attemptController?.signal ?? signal;
    let error: InterpreterError;
    try {
      return await interpreter.interpret(call, { seed: options.seed, signal: attemptSignal, onToken: options.onToken });
    } catch (thrown) {
      if (signal?.aborted) {
        throw new InterpreterError('the call was cancelled', { kind: 'aborted', isRetryable: false, cause: thrown });
      }
      // Masked here, where every interpreter's failures pass, before they become warnings, traces and scores.
      error = timedOut
        ? new InterpreterError(`no answer within ${limitMs} ms`, { kind: 'timeout', cause: thrown })
        : redactInterpreterError(toInterpreterError(thrown));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    }
    if (!error.isRetryable || attempt >= policy.retries) throw error;
    const delay = backoffDelay(policy, attempt, error.retryAfterMs);
    options.onRetry?.(error, attempt + 1, delay);
    try {
      await abortableSleep(delay, signal);
    } catch {
      throw new InterpreterError('the call was cancelled', { kind: 'aborted', isRetryable: false, cause: error });
    }
  }
}
