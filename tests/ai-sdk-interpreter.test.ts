import { createServer } from 'node:net';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { afterEach, describe, expect, it } from 'vitest';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import { createNodeHttpFetch } from '../src/interpreters/ai-sdk/node-http-fetch.js';
import type { Interpreter, InterpretOptions } from '../src/interpreters/interpreter.js';
import type { InterpreterCall } from '../src/interpreters/interpreter-call.js';
import { InterpreterError } from '../src/interpreters/interpreter-error.js';
import type { StepResult } from '../src/interpreters/step-result.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';

const serve = useOpenAICompatibleServers(afterEach);

/** How the interpreter reaches the server: node:http (as `openai-compatible:` does), or the built-in fetch. */
type Transport = 'node:http' | 'built-in fetch';
const transports: readonly Transport[] = ['node:http', 'built-in fetch'];

const interpreters: Interpreter[] = [];
afterEach(async () => {
  await Promise.all(interpreters.splice(0).map((interpreter) => interpreter.close?.()));
});

/** The interpreter as `openai-compatible:` builds it, on a given base URL, without the provider's setup checks. */
function interpreterOver(
  baseURL: string,
  options: {
    structuredOutputs?: boolean;
    model?: string;
    timeoutMs?: number;
    now?: () => number;
    transport?: Transport;
  } = {},
): Interpreter {
  const transport = options.transport === 'built-in fetch' ? undefined : createNodeHttpFetch();
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL,
    includeUsage: true,
    supportsStructuredOutputs: options.structuredOutputs ?? true,
    ...(transport ? { fetch: transport.fetch } : {}),
  });
  const model = options.model ?? 'test-model';
  const interpreter = createAiSdkInterpreter(provider.chatModel(model), {
    id: `openai-compatible:${model}`,
    description: 'the loopback test server',
    baseURL,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(transport ? { close: transport.close } : {}),
  });
  interpreters.push(interpreter);
  return interpreter;
}

const call = (overrides: Partial<InterpreterCall> = {}): InterpreterCall => ({
  messages: [
    { role: 'system', content: 'Answer with one word.' },
    { role: 'user', content: 'Capital of France?' },
  ],
  settings: { temperature: 0.7, topP: 0.9, maxTokens: 64 },
  origin: { programName: 'capitals', caseId: 'fr' },
  ...overrides,
});

/** The rejection of a call, which must be an `InterpreterError`. */
async function failure(promise: Promise<unknown>): Promise<InterpreterError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(InterpreterError);
  return error as InterpreterError;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The two ways the interpreter calls a model: `doGenerate` (one JSON answer) when the caller passes no `onToken`,
 * `doStream` (server-sent events) when it does. Every behaviour but token streaming must be the same on both.
 */
const paths = transports.flatMap((transport) => [
  { path: 'doGenerate, without onToken', streams: false, transport },
  { path: 'doStream, with onToken', streams: true, transport },
]);

describe.each(paths)(
  'the AI SDK interpreter on an OpenAI-compatible server: $path, over $transport',
  ({ streams, transport }) => {
    const interpreterAt: typeof interpreterOver = (baseURL, options = {}) =>
      interpreterOver(baseURL, { transport, ...options });
    /** Runs a call on this path; with `onToken` when it streams, collecting the tokens. */
    const interpret = (
      interpreter: Interpreter,
      theCall: InterpreterCall,
      options: InterpretOptions,
      tokens: string[] = [],
    ): Promise<StepResult> =>
      interpreter.interpret(theCall, streams ? { ...options, onToken: (text) => tokens.push(text) } : options);

    it('answers the text, the finish reason, the usage and no warnings, on the expected path', async () => {
      const server = await serve({ answer: 'The capital of France is Paris.' });
      const tokens: string[] = [];
      const result = await interpret(interpreterAt(server.url), call(), { seed: 7 }, tokens);
      expect(result).toEqual({
        text: 'The capital of France is Paris.',
        finishReason: 'stop',
        usage: { inputTokens: 7, outputTokens: 6 },
        warnings: [],
      });
      expect(server.chatRequests()[0]?.stream ?? false).toBe(streams);
      expect(tokens.join('')).toBe(streams ? result.text : '');
    });

    it('sends the seed, temperature, top-p, max tokens and the messages of every call', async () => {
      const server = await serve();
      const interpreter = interpreterAt(server.url);
      await interpret(interpreter, call(), { seed: 123 });
      await interpret(interpreter, call({ settings: { temperature: 0 } }), { seed: 456 });
      const [first, second] = server.chatRequests();
      expect(first).toMatchObject({ model: 'test-model', seed: 123, temperature: 0.7, top_p: 0.9, max_tokens: 64 });
      expect(first?.messages).toEqual([
        { role: 'system', content: 'Answer with one word.' },
        { role: 'user', content: 'Capital of France?' },
      ]);
      expect(second).toMatchObject({ seed: 456, temperature: 0 });
      expect(second).not.toHaveProperty('top_p');
      expect(second).not.toHaveProperty('max_tokens');
    });

    it('sends system and assistant messages wherever they stand', async () => {
      const server = await serve();
      const messages = [
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'system', content: 'Now answer in French.' },
        { role: 'user', content: 'Et du Japon ?' },
      ] as const;
      await interpret(interpreterAt(server.url), call({ messages }), { seed: 1 });
      expect(server.chatRequests()[0]?.messages).toEqual(messages);
    });

    it('gives seed-dependent answers back per seed', async () => {
      const server = await serve({ answer: (request) => (Number(request.seed) % 2 === 0 ? 'even' : 'odd') });
      const interpreter = interpreterAt(server.url);
      const texts = await Promise.all([2, 3, 4].map((seed) => interpret(interpreter, call(), { seed })));
      expect(texts.map((result) => result.text)).toEqual(['even', 'odd', 'even']);
    });

    it('maps a length stop to the finish reason `length`', async () => {
      const server = await serve({ failures: [{ type: 'answer', text: 'cut sho', finishReason: 'length' }] });
      const result = await interpret(interpreterAt(server.url), call(), { seed: 1 });
      expect(result).toMatchObject({ text: 'cut sho', finishReason: 'length' });
    });

    it('sends a response format as a JSON schema, and returns the raw JSON text', async () => {
      const server = await serve({ answer: '{"city":"Paris"}' });
      const schema = {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      };
      const result = await interpret(
        interpreterAt(server.url),
        call({ responseFormat: { type: 'json', schema, name: 'capital' } }),
        { seed: 1 },
      );
      expect(result.text).toBe('{"city":"Paris"}');
      expect(result.warnings).toEqual([]);
      expect(server.chatRequests()[0]?.response_format).toEqual({
        type: 'json_schema',
        json_schema: { schema, strict: true, name: 'capital' },
      });
    });

    it('returns text that does not match the response format as it is, for the engine to judge', async () => {
      const server = await serve({ answer: 'not json at all' });
      const schema = { type: 'object', properties: { city: { type: 'string' } } };
      const result = await interpret(interpreterAt(server.url), call({ responseFormat: { type: 'json', schema } }), {
        seed: 1,
      });
      expect(result.text).toBe('not json at all');
    });

    it('reports a schema the server cannot take as an unsupported-setting warning, and goes on', async () => {
      const server = await serve({ answer: '{"city":"Paris"}' });
      const schema = { type: 'object', properties: { city: { type: 'string' } } };
      const result = await interpret(
        interpreterAt(server.url, { structuredOutputs: false }),
        call({ responseFormat: { type: 'json', schema } }),
        { seed: 1 },
      );
      expect(result.text).toBe('{"city":"Paris"}');
      expect(result.warnings).toEqual([
        expect.objectContaining({ type: 'unsupported-setting', setting: 'responseFormat' }),
      ]);
      expect(server.chatRequests()[0]?.response_format).toEqual({ type: 'json_object' });
    });

    it('turns 429 into a rate-limit error with the wait from Retry-After, and does not retry by itself', async () => {
      const server = await serve({
        failures: [
          { type: 'status', status: 429, headers: { 'retry-after': '2' } },
          { type: 'status', status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' } },
          { type: 'status', status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2065 07:28:30 GMT' } },
        ],
      });
      const now = Date.parse('Wed, 21 Oct 2065 07:28:00 GMT');
      const interpreter = interpreterAt(server.url, { now: () => now });
      const errors = [];
      for (let index = 0; index < 3; index++) errors.push(await failure(interpret(interpreter, call(), { seed: 1 })));
      expect(errors.map((error) => [error.kind, error.statusCode, error.retryAfterMs, error.isRetryable])).toEqual([
        ['rate-limit', 429, 2000, true],
        ['rate-limit', 429, 1500, true],
        ['rate-limit', 429, 30_000, true],
      ]);
      expect(server.chatCount).toBe(3);
    });

    it('turns 500 and 503 into retryable server errors', async () => {
      const server = await serve({
        failures: [
          { type: 'status', status: 500 },
          { type: 'status', status: 503, headers: { 'retry-after': '1' } },
        ],
      });
      const interpreter = interpreterAt(server.url);
      const first = await failure(interpret(interpreter, call(), { seed: 1 }));
      const second = await failure(interpret(interpreter, call(), { seed: 1 }));
      expect([first.kind, first.statusCode, first.isRetryable]).toEqual(['server', 500, true]);
      expect([second.kind, second.statusCode, second.retryAfterMs]).toEqual(['server', 503, 1000]);
      expect((await interpret(interpreter, call(), { seed: 1 })).text).toBe('ok');
      expect(server.chatCount).toBe(3);
    });

    it('turns a hang into a retryable timeout when the signal times out, within the limit', async () => {
      const server = await serve({ failures: [{ type: 'hang' }] });
      const started = performance.now();
      const error = await failure(
        interpret(interpreterAt(server.url), call(), { seed: 1, signal: AbortSignal.timeout(300) }),
      );
      const elapsed = performance.now() - started;
      expect([error.kind, error.isRetryable]).toEqual(['timeout', true]);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(2_000);
    });

    it('applies its own per-call time limit, combined with the caller signal', async () => {
      const server = await serve({ failures: [{ type: 'hang' }] });
      const interpreter = interpreterAt(server.url, { timeoutMs: 200 });
      const error = await failure(interpret(interpreter, call(), { seed: 1, signal: new AbortController().signal }));
      expect([error.kind, error.isRetryable]).toEqual(['timeout', true]);
      expect((await interpret(interpreter, call(), { seed: 2 })).text).toBe('ok');
    });

    it('turns a signal cancelled before or during the call into a non-retryable aborted error', async () => {
      const server = await serve({ latencyMs: 5_000 });
      const aborted = new AbortController();
      aborted.abort();
      const early = await failure(interpret(interpreterAt(server.url), call(), { seed: 1, signal: aborted.signal }));
      expect([early.kind, early.isRetryable]).toEqual(['aborted', false]);
      expect(server.chatCount).toBe(0);

      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 100);
      const late = await failure(interpret(interpreterAt(server.url), call(), { seed: 1, signal: controller.signal }));
      expect([late.kind, late.isRetryable]).toEqual(['aborted', false]);
      expect(performance.now() - started).toBeLessThan(2_000);
    });

    it('turns bad JSON into a retryable bad-response error', async () => {
      const server = await serve({ failures: [{ type: 'bad-json' }] });
      const error = await failure(interpret(interpreterAt(server.url), call(), { seed: 1 }));
      expect([error.kind, error.isRetryable]).toEqual(['bad-response', true]);
    });

    it('turns an answer cut mid-way into a retryable error', async () => {
      const server = await serve({ answer: 'alpha beta gamma delta', failures: [{ type: 'cut', chunks: 3 }] });
      const error = await failure(interpret(interpreterAt(server.url), call(), { seed: 1 }));
      expect(error.kind).toMatch(/^(bad-response|network)$/);
      expect(error.isRetryable).toBe(true);
    });

    it('turns a connection reset before any answer into a network error', async () => {
      const server = await serve({ failures: [{ type: 'reset' }] });
      const error = await failure(interpret(interpreterAt(server.url), call(), { seed: 1 }));
      expect([error.kind, error.isRetryable]).toEqual(['network', true]);
    });

    it('turns a refused connection into a network error naming the URL', async () => {
      const url = `http://127.0.0.1:${await closedPort()}/v1`;
      const error = await failure(interpret(interpreterAt(url), call(), { seed: 1 }));
      expect([error.kind, error.isRetryable]).toEqual(['network', true]);
      expect(error.message).toContain(url);
      expect(error.message).toContain('ECONNREFUSED');
      expect(error.hint).toBe(`is the server running at ${url}?`);
    });

    it('turns an unknown model into a non-retryable config error that names it', async () => {
      const server = await serve({ models: ['test-model'] });
      const error = await failure(
        interpret(interpreterAt(server.url, { model: 'no-such-model' }), call(), { seed: 1 }),
      );
      expect([error.kind, error.statusCode, error.isRetryable]).toEqual(['config', 404, false]);
      expect(error.message).toContain('openai-compatible:no-such-model');
      expect(error.hint).toContain('check the model name');
    });

    it('turns a refused key into a non-retryable auth error, and other 4xx into request errors', async () => {
      const server = await serve({
        failures: [
          { type: 'status', status: 401 },
          { type: 'status', status: 403 },
          { type: 'status', status: 400 },
        ],
      });
      const interpreter = interpreterAt(server.url);
      const kinds = [];
      for (let index = 0; index < 3; index++) {
        const error = await failure(interpret(interpreter, call(), { seed: 1 }));
        kinds.push([error.kind, error.statusCode, error.isRetryable]);
      }
      expect(kinds).toEqual([
        ['auth', 401, false],
        ['auth', 403, false],
        ['request', 400, false],
      ]);
    });

    it('keeps up with many concurrent calls, on kept-alive connections', async () => {
      const server = await serve({ answer: (request) => `answer ${request.seed}`, latencyMs: 20 });
      const interpreter = interpreterAt(server.url);
      const batch = () =>
        Promise.all(Array.from({ length: 64 }, (_, seed) => interpret(interpreter, call(), { seed })));
      const results = await batch();
      expect(results.map((result) => result.text)).toEqual(Array.from({ length: 64 }, (_, seed) => `answer ${seed}`));
      expect(server.maxConcurrent).toBeGreaterThan(16);
      const opened = server.connectionCount;
      expect(opened).toBeLessThanOrEqual(64);
      // Once the first batch's connections are back in the pool, the second batch reuses them.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await batch();
      expect(server.connectionCount).toBe(opened);
    });
  },
);

describe.each(transports)('the AI SDK interpreter, streaming to onToken over %s', (transport) => {
  const interpreterAt = (baseURL: string) => interpreterOver(baseURL, { transport });

  it('streams tokens in order, as they arrive, and they join to the text', async () => {
    const server = await serve({ answer: 'The capital of France is Paris.', chunkDelayMs: 2 });
    const tokens: string[] = [];
    const result = await interpreterAt(server.url).interpret(call(), { seed: 7, onToken: (text) => tokens.push(text) });
    expect(result.text).toBe('The capital of France is Paris.');
    expect(tokens).toEqual(['The ', 'capital ', 'of ', 'France ', 'is ', 'Paris.']);
    expect(server.chatRequests()[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('stops at once when a listener cancels mid-stream', async () => {
    const server = await serve({ answer: 'one two three four five six seven eight', chunkDelayMs: 50 });
    const controller = new AbortController();
    const tokens: string[] = [];
    const pending = interpreterAt(server.url).interpret(call(), {
      seed: 1,
      signal: controller.signal,
      onToken: (text) => {
        tokens.push(text);
        if (tokens.length === 2) controller.abort();
      },
    });
    const error = await failure(pending);
    expect([error.kind, error.isRetryable]).toEqual(['aborted', false]);
    expect(tokens).toEqual(['one ', 'two ']);
  });

  it('turns a stream cut mid-way into a bad-response error, after the tokens that arrived', async () => {
    const server = await serve({ answer: 'alpha beta gamma delta', failures: [{ type: 'cut', chunks: 3 }] });
    const tokens: string[] = [];
    const error = await failure(
      interpreterAt(server.url).interpret(call(), { seed: 1, onToken: (text) => tokens.push(text) }),
    );
    expect([error.kind, error.isRetryable]).toEqual(['bad-response', true]);
    expect(tokens).toEqual(['alpha ', 'beta ']);
  });
});
