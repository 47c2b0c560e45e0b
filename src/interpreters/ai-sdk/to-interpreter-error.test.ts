import { APICallError, JSONParseError, LoadAPIKeyError, NoSuchModelError } from 'ai';
import { describe, expect, it } from 'vitest';
import { InterpreterError } from '../../contracts/interpreter-error.js';
import { toInterpreterError } from './to-interpreter-error.js';

const context = { interpreterId: 'openai:gpt-4o-mini', keyVariable: 'OPENAI_API_KEY' };
const apiError = (statusCode: number | undefined, extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) =>
  new APICallError({
    message: 'from the server',
    url: 'https://api.example.com/v1/chat/completions',
    requestBodyValues: {},
    ...(statusCode === undefined ? {} : { statusCode }),
    ...extra,
  });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const facts = (error: InterpreterError) => [error.kind, error.isRetryable, error.statusCode, error.retryAfterMs];

describe('toInterpreterError', () => {
  it('maps statuses to kinds, reading the fields and not the message', () => {
    expect(facts(toInterpreterError(apiError(401), context))).toEqual(['auth', false, 401, undefined]);
    expect(toInterpreterError(apiError(401), context).hint).toBe('check OPENAI_API_KEY');
    expect(facts(toInterpreterError(apiError(403), context))).toEqual(['auth', false, 403, undefined]);
    expect(facts(toInterpreterError(apiError(429, { responseHeaders: { 'retry-after': '4' } }), context))).toEqual([
      'rate-limit',
      true,
      429,
      4000,
    ]);
    expect(facts(toInterpreterError(apiError(408), context))).toEqual(['timeout', true, 408, undefined]);
    expect(facts(toInterpreterError(apiError(502), context))).toEqual(['server', true, 502, undefined]);
    expect(facts(toInterpreterError(apiError(200), context))).toEqual(['bad-response', true, 200, undefined]);
    expect(facts(toInterpreterError(apiError(404), context))).toEqual(['config', false, 404, undefined]);
    expect(facts(toInterpreterError(apiError(422), context))).toEqual(['request', false, 422, undefined]);
    expect(facts(toInterpreterError(apiError(409, { isRetryable: true }), context))).toEqual([
      'request',
      true,
      409,
      undefined,
    ]);
  });

  it('tells connection failures from timeouts by the codes along the causes', () => {
    const refused = apiError(undefined, { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') });
    const error = toInterpreterError(refused, { ...context, baseURL: 'http://127.0.0.1:9/v1' });
    expect([error.kind, error.hint]).toEqual(['network', 'is the server running at http://127.0.0.1:9/v1?']);
    const reset = apiError(undefined, {
      cause: Object.assign(new TypeError('fetch failed'), { cause: withCode('x', 'ECONNRESET') }),
    });
    expect(toInterpreterError(reset, context).kind).toBe('network');
    expect(toInterpreterError(reset, context).hint).toBe('is the server running at https://api.example.com?');
    const slow = apiError(undefined, { cause: withCode('headers timeout', 'UND_ERR_HEADERS_TIMEOUT') });
    expect(toInterpreterError(slow, context).kind).toBe('timeout');
    expect(toInterpreterError(withCode('socket hang up', 'ECONNRESET'), context).kind).toBe('network');
  });

  it('tells a timeout from a cancellation by the reason of the signal', () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('timed out', 'TimeoutError'));
    const cancelled = new AbortController();
    cancelled.abort();
    const thrown = new DOMException('aborted', 'AbortError');
    expect(facts(toInterpreterError(thrown, { ...context, signal: timedOut.signal }))).toEqual([
      'timeout',
      true,
      undefined,
      undefined,
    ]);
    expect(facts(toInterpreterError(thrown, { ...context, signal: cancelled.signal }))).toEqual([
      'aborted',
      false,
      undefined,
      undefined,
    ]);
  });

  it('maps unreadable answers, missing keys and unknown models', () => {
    expect(toInterpreterError(new JSONParseError({ text: '{', cause: new Error('x') }), context).kind).toBe(
      'bad-response',
    );
    const missingKey = toInterpreterError(new LoadAPIKeyError({ message: 'no key' }), context);
    expect([missingKey.kind, missingKey.isRetryable, missingKey.hint]).toEqual(['auth', false, 'set OPENAI_API_KEY']);
    expect(toInterpreterError(new NoSuchModelError({ modelId: 'x', modelType: 'languageModel' }), context).kind).toBe(
      'config',
    );
  });

  it('keeps an InterpreterError as it is, and makes anything else a non-retryable request error', () => {
    const original = new InterpreterError('x', { kind: 'server' });
    expect(toInterpreterError(original, context)).toBe(original);
    expect(facts(toInterpreterError('a string', context))).toEqual(['request', false, undefined, undefined]);
  });
});
