import { describe, expect, it } from 'vitest';
import { InterpreterError } from '../contracts/interpreter-error.js';
import { redactInterpreterError } from './redact-interpreter-error.js';

describe('redactInterpreterError', () => {
  it('masks message and hint and keeps every fact the engine acts on', () => {
    const cause = new Error('the original');
    const error = new InterpreterError('rate limited for key local-key-123 at https://u:p@h/v1', {
      kind: 'rate-limit',
      statusCode: 429,
      retryAfterMs: 250,
      hint: 'slow down local-key-123',
      cause,
    });
    const masked = redactInterpreterError(error, ['local-key-123']);
    expect(masked).toBeInstanceOf(InterpreterError);
    expect(masked).toMatchObject({
      message: 'rate limited for key *** at https://***@h/v1',
      hint: 'slow down ***',
      kind: 'rate-limit',
      isRetryable: true,
      statusCode: 429,
      retryAfterMs: 250,
      cause,
    });
  });

  it('gives the same error back when there is nothing to mask', () => {
    const error = new InterpreterError('HTTP 500: overloaded', { kind: 'server', isRetryable: false });
    expect(redactInterpreterError(error, ['local-key-123'])).toBe(error);
  });
});
