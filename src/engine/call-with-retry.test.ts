import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterCall } from '../contracts/interpreter-call.js';
import { InterpreterError } from '../contracts/interpreter-error.js';
import { callWithRetry } from './call-with-retry.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { RateLimiter } from './rate-limiter.js';
import { backoffDelay, type RetryPolicy, retryMessage } from './retry-policy.js';

const call: InterpreterCall = {
  messages: [{ role: 'user', content: 'hi' }],
  settings: {},
  origin: { programName: 'p', caseId: 'c' },
};
const fast: RetryPolicy = { retries: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 1000 };

/** An interpreter that fails with the given errors, in order, then answers. */
function scripted(failures: Error[]): Interpreter & { calls: number } {
  const interpreter = {
    id: 'scripted',
    description: 'scripted failures',
    calls: 0,
    async interpret() {
      const failure = failures[interpreter.calls++];
      if (failure) throw failure;
      return { text: 'ok', finishReason: 'stop' as const, warnings: [] };
    },
  };
  return interpreter;
}

describe('callWithRetry', () => {
  it('retries retryable failures and returns the first success', async () => {
    const interpreter = scripted([
      new InterpreterError('503', { kind: 'server', statusCode: 503 }),
      new InterpreterError('reset', { kind: 'network' }),
    ]);
    const retries: number[] = [];
    const result = await callWithRetry(interpreter, call, {
      seed: 1,
      policy: fast,
      onRetry: (_, attempt) => retries.push(attempt),
    });
    expect(result.text).toBe('ok');
    expect(interpreter.calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const interpreter = scripted([
      new InterpreterError('429', { kind: 'rate-limit', statusCode: 429, retryAfterMs: 120 }),
    ]);
    const delays: number[] = [];
    await callWithRetry(interpreter, call, {
      seed: 1,
      policy: fast,
      onRetry: (_error, _attempt, delay) => delays.push(delay),
    });
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(120);
  });

  it('does not retry a request error, and gives up after the allowed retries', async () => {
    const refused = scripted([new InterpreterError('400', { kind: 'request', statusCode: 400 })]);
    await expect(callWithRetry(refused, call, { seed: 1, policy: fast })).rejects.toMatchObject({ kind: 'request' });
    expect(refused.calls).toBe(1);
    const failing = scripted(Array.from({ length: 10 }, () => new InterpreterError('503', { kind: 'server' })));
    await expect(callWithRetry(failing, call, { seed: 1, policy: fast })).rejects.toMatchObject({ kind: 'server' });
    expect(failing.calls).toBe(4);
  });

  it("masks credentials in any interpreter's failures, in warnings of retries and in the error thrown", async () => {
    const echoing = scripted([
      new InterpreterError('https://u:pw@h.example/v1?api_key=abc (HTTP 503: bad key sk-0123456789abcdefghijk)', {
        kind: 'server',
        statusCode: 503,
        hint: 'is https://u:pw@h.example up?',
      }),
      new Error('HTTP 400: Authorization: Bearer tok-0123456789'),
    ]);
    const warnings: string[] = [];
    const failure = await callWithRetry(echoing, call, {
      seed: 1,
      policy: fast,
      onRetry: (error) => warnings.push(`${error.message} ${error.hint}`),
    }).catch((error: InterpreterError) => error);
    expect(warnings).toEqual([
      'https://***@h.example/v1?api_key=*** (HTTP 503: bad key sk-***) is https://***@h.example up?',
    ]);
    expect(failure).toMatchObject({
      message: 'HTTP 400: Authorization: Bearer ***',
      kind: 'request',
      isRetryable: false,
    });
  });

  it('times out a call that does not answer, as a retryable timeout', async () => {
    const hanging: Interpreter = {
      id: 'hang',
      description: 'never answers',
      interpret: (_call, options) =>
        new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason))),
    };
    await expect(
      callWithRetry(hanging, call, { seed: 1, policy: { ...fast, retries: 1, timeoutMs: 60 } }),
    ).rejects.toMatchObject({ kind: 'timeout', isRetryable: true });
  });

  it('stops at once when the run is cancelled, even while waiting to retry', async () => {
    const interpreter = scripted(Array.from({ length: 5 }, () => new InterpreterError('503', { kind: 'server' })));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const slow = { ...fast, baseDelayMs: 10_000, maxDelayMs: 10_000 };
    await expect(
      callWithRetry(interpreter, call, { seed: 1, policy: slow, signal: controller.signal }),
    ).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 0 };
    expect(backoffDelay(policy, 0, 0, () => 0)).toBe(50);
    expect(backoffDelay(policy, 0, 0, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, 0, () => 1)).toBe(800);
    expect(backoffDelay(policy, 8, 0, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 0, 5000, () => 0)).toBe(5000);
  });

  it('caps a Retry-After at the policy limit, and never waits longer than a timer can', () => {
    const policy: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 0 };
    // A day, then 3,000,000 s: the default cap of 5 minutes holds both.
    expect(backoffDelay(policy, 0, 86_400_000, () => 0)).toBe(300_000);
    expect(backoffDelay(policy, 0, 3_000_000_000, () => 0)).toBe(300_000);
    expect(backoffDelay({ ...policy, maxRetryAfterMs: 2000 }, 0, 86_400_000, () => 0)).toBe(2000);
    expect(backoffDelay({ ...policy, maxRetryAfterMs: 1e12 }, 0, 1e11, () => 0)).toBe(2 ** 31 - 1);
  });

  it('says when a server asked for a longer wait than allowed', () => {
    const policy: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 0 };
    const error = { message: 'HTTP 429: slow down', retryAfterMs: 86_400_000 };
    expect(retryMessage(policy, error, 1, 300_000)).toBe(
      'HTTP 429: slow down; retry 1 in 300 s (the server asked to wait 86400 s; retry.maxRetryAfterMs allows 300 s)',
    );
    expect(retryMessage(policy, { message: 'HTTP 503' }, 2, 812.4)).toBe('HTTP 503; retry 2 in 812 ms');
  });
});

describe('RateLimiter', () => {
  it('admits requests at the allowed rate per minute', async () => {
    let now = 0;
    const limiter = new RateLimiter({ requestsPerMinute: 600 }, () => now);
    // The bucket starts full: 600 requests at once, then one every 100 ms of the clock.
    for (let index = 0; index < 600; index++) await limiter.acquire(0);
    let admitted = false;
    const next = limiter.acquire(0).then(() => {
      admitted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admitted).toBe(false);
    now += 100;
    await next;
    expect(admitted).toBe(true);
  });

  it('charges the tokens a call really used', async () => {
    let now = 0;
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, () => now);
    await limiter.acquire(100);
    limiter.settle(100, 1000); // the call used 1,000 tokens: the bucket is now 100 in debt
    let admitted = false;
    const next = limiter.acquire(100).then(() => {
      admitted = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admitted).toBe(false);
    now += 12_000; // 200 tokens refill in 12 s
    await next;
    expect(admitted).toBe(true);
  });
});

describe('ConcurrencyLimit', () => {
  it('never lets more than the limit hold a slot', async () => {
    const limit = new ConcurrencyLimit(3);
    let active = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await limit.acquire();
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
        release();
      }),
    );
    expect(most).toBe(3);
  });
});
