import { InterpreterError } from '../contracts/interpreter-error.js';
import { redactSecrets } from './redact-secrets.js';

/**
 * The error with credentials masked in its message and hint (see `redactSecrets`), its kind, status and wait kept:
 * what a server echoes back, such as the key it refused, must not reach traces, scores and reports. The same
 * error when there was nothing to mask. The cause is kept for debugging in the process; it is never stored.
 */
export function redactInterpreterError(
  error: InterpreterError,
  knownSecrets: readonly string[] = [],
): InterpreterError {
  const message = redactSecrets(error.message, knownSecrets);
  const hint = error.hint === undefined ? undefined : redactSecrets(error.hint, knownSecrets);
  if (message === error.message && hint === error.hint) return error;
  return new InterpreterError(message, {
    kind: error.kind,
    isRetryable: error.isRetryable,
    ...(error.statusCode === undefined ? {} : { statusCode: error.statusCode }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(hint === undefined ? {} : { hint }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  });
}
