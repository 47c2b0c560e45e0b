import { createServer } from 'node:net';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { afterEach, describe, expect, it } from 'vitest';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import type { Interpreter } from '../src/interpreters/interpreter.js';
import type { InterpreterCall } from '../src/interpreters/interpreter-call.js';
import { InterpreterError } from '../src/interpreters/interpreter-error.js';
import {
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
  startOpenAICompatibleServer,
} from './support/openai-compatible-server.js';

const servers: OpenAICompatibleServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: OpenAICompatibleServerOptions = {}): Promise<OpenAICompatibleServer> {
  const server = await startOpenAICompatibleServer(options);
  servers.push(server);
  return server;
}

/** The interpreter as `openai-compatible:` builds it, on a given base URL, without the provider's setup checks. */
function interpreterAt(baseURL: string, options: { structuredOutputs?: boolean; model?: string } = {}): Interpreter {
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL,
    includeUsage: true,
    supportsStructuredOutputs: options.structuredOutputs ?? true,
  });
  const model = options.model ?? 'test-model';
  return createAiSdkInterpreter(provider.chatModel(model), {
    id: `openai-compatible:${model}`,
    description: 'the loopback test server',
    baseURL,
  });
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

describe('the AI SDK interpreter on an OpenAI-compatible server', () => {
  it('streams tokens in order, and they join to the text', async () => {
    const server = await serve({ answer: 'The capital of France is Paris.', chunkDelayMs: 2 });
    const tokens: string[] = [];
    const result = await interpreterAt(server.url).interpret(call(), { seed: 7, onToken: (text) => tokens.push(text) });
    expect(result.text).toBe('The capital of France is Paris.');
    expect(tokens).toEqual(['The ', 'capital ', 'of ', 'France ', 'is ', 'Paris.']);
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 6 });
    expect(result.warnings).toEqual([]);
    expect(server.chatRequests()[0]?.stream).toBe(true);
  });

  it('sends the seed, temperature, top-p, max tokens and the messages of every call', async () => {
    const server = await serve();
    const interpreter = interpreterAt(server.url);
    await interpreter.interpret(call(), { seed: 123 });
    await interpreter.interpret(call({ settings: { temperature: 0 } }), { seed: 456 });
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

  it('gives seed-dependent answers back per seed', async () => {
    const server = await serve({ answer: (request) => (Number(request.seed) % 2 === 0 ? 'even' : 'odd') });
    const interpreter = interpreterAt(server.url);
    const texts = await Promise.all([2, 3, 4].map((seed) => interpreter.interpret(call(), { seed })));
    expect(texts.map((result) => result.text)).toEqual(['even', 'odd', 'even']);
  });

  it('maps a length stop to the finish reason `length`', async () => {
    const server = await serve({ failures: [{ type: 'answer', text: 'cut sho', finishReason: 'length' }] });
    const result = await interpreterAt(server.url).interpret(call(), { seed: 1 });
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
    const result = await interpreterAt(server.url).interpret(
      call({ responseFormat: { type: 'json', schema, name: 'capital' } }),
      { seed: 1 },
    );
    expect(result.text).toBe('{"city":"Paris"}');
    expect(server.chatRequests()[0]?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { schema, strict: true, name: 'capital' },
    });
  });

  it('returns text that does not match the response format as it is, for the engine to judge', async () => {
    const server = await serve({ answer: 'not json at all' });
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const result = await interpreterAt(server.url).interpret(call({ responseFormat: { type: 'json', schema } }), {
      seed: 1,
    });
    expect(result.text).toBe('not json at all');
  });

  it('reports a schema the server cannot take as an unsupported-setting warning, and goes on', async () => {
    const server = await serve({ answer: '{"city":"Paris"}' });
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const result = await interpreterAt(server.url, { structuredOutputs: false }).interpret(
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
    const provider = createOpenAICompatible({ name: 'openai-compatible', baseURL: server.url });
    const interpreter = createAiSdkInterpreter(provider.chatModel('test-model'), {
      id: 'openai-compatible:test-model',
      description: 'test',
      now: () => now,
    });
    const errors = [];
    for (let index = 0; index < 3; index++) errors.push(await failure(interpreter.interpret(call(), { seed: 1 })));
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
    const first = await failure(interpreter.interpret(call(), { seed: 1 }));
    const second = await failure(interpreter.interpret(call(), { seed: 1 }));
    expect([first.kind, first.statusCode, first.isRetryable]).toEqual(['server', 500, true]);
    expect([second.kind, second.statusCode, second.retryAfterMs]).toEqual(['server', 503, 1000]);
    expect((await interpreter.interpret(call(), { seed: 1 })).text).toBe('ok');
    expect(server.chatCount).toBe(3);
  });

  it('turns a hang into a retryable timeout when the signal times out, within the limit', async () => {
    const server = await serve({ failures: [{ type: 'hang' }] });
    const started = performance.now();
    const error = await failure(
      interpreterAt(server.url).interpret(call(), { seed: 1, signal: AbortSignal.timeout(300) }),
    );
    const elapsed = performance.now() - started;
    expect([error.kind, error.isRetryable]).toEqual(['timeout', true]);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('applies its own per-call time limit, combined with the caller signal', async () => {
    const server = await serve({ failures: [{ type: 'hang' }] });
    const provider = createOpenAICompatible({ name: 'openai-compatible', baseURL: server.url });
    const interpreter = createAiSdkInterpreter(provider.chatModel('test-model'), {
      id: 'openai-compatible:test-model',
      description: 'test',
      timeoutMs: 200,
    });
    const error = await failure(interpreter.interpret(call(), { seed: 1, signal: new AbortController().signal }));
    expect(error.kind).toBe('timeout');
  });

  it('turns a cancelled signal into a non-retryable aborted error, mid-stream too', async () => {
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
    expect(tokens.length).toBeLessThan(8);

    const aborted = new AbortController();
    aborted.abort();
    const early = await failure(interpreterAt(server.url).interpret(call(), { seed: 1, signal: aborted.signal }));
    expect(early.kind).toBe('aborted');
  });

  it('turns bad JSON into a retryable bad-response error, streamed or not', async () => {
    const server = await serve({ failures: [{ type: 'bad-json' }] });
    const error = await failure(interpreterAt(server.url).interpret(call(), { seed: 1 }));
    expect([error.kind, error.isRetryable]).toEqual(['bad-response', true]);
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

  it('turns a connection reset before any answer into a network error', async () => {
    const server = await serve({ failures: [{ type: 'reset' }] });
    const error = await failure(interpreterAt(server.url).interpret(call(), { seed: 1 }));
    expect([error.kind, error.isRetryable]).toEqual(['network', true]);
  });

  it('turns a refused connection into a network error naming the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const error = await failure(interpreterAt(url).interpret(call(), { seed: 1 }));
    expect([error.kind, error.isRetryable]).toEqual(['network', true]);
    expect(error.message).toContain(url);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toBe(`is the server running at ${url}?`);
  });

  it('turns an unknown model into a non-retryable config error that names it', async () => {
    const server = await serve({ models: ['test-model'] });
    const error = await failure(interpreterAt(server.url, { model: 'no-such-model' }).interpret(call(), { seed: 1 }));
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
      const error = await failure(interpreter.interpret(call(), { seed: 1 }));
      kinds.push([error.kind, error.statusCode, error.isRetryable]);
    }
    expect(kinds).toEqual([
      ['auth', 401, false],
      ['auth', 403, false],
      ['request', 400, false],
    ]);
  });

  it('keeps up with many concurrent streamed calls', async () => {
    const server = await serve({ answer: (request) => `answer ${request.seed}`, latencyMs: 20 });
    const interpreter = interpreterAt(server.url);
    const results = await Promise.all(Array.from({ length: 64 }, (_, seed) => interpreter.interpret(call(), { seed })));
    expect(results.map((result) => result.text)).toEqual(Array.from({ length: 64 }, (_, seed) => `answer ${seed}`));
    expect(server.maxConcurrent).toBeGreaterThan(16);
  });
});
