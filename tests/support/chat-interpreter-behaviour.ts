import { afterEach, describe, expect, it } from 'vitest';
import type { Interpreter } from '../../src/contracts/interpreter.js';
import type { InterpreterCall } from '../../src/contracts/interpreter-call.js';
import type { InterpreterErrorKind } from '../../src/contracts/interpreter-error.js';
import { callPaths, interpretOn } from './call-paths.js';
import { capitalCall as call } from './capital-call.js';
import { closedPort } from './closed-port.js';
import { failure } from './failure.js';
import { useOpenAICompatibleServers } from './openai-compatible-server.js';
import { toolTurn } from './tool-call-behaviour.js';

/** The settings a case gives the interpreter under test, besides the server's base URL. */
export interface ChatInterpreterSettings {
  /** The model asked for; `test-model` unless given. */
  readonly model?: string;
  /** The key sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  /** Headers sent with every request, winning over the interpreter's own. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether the server takes a JSON schema as the response format. */
  readonly structuredOutputs?: boolean;
  /** The interpreter's own limit on every call, in milliseconds, on top of the caller's signal. */
  readonly timeoutMs?: number;
  /** The clock, for Retry-After given as an HTTP date and the time to the first token. */
  readonly now?: () => number;
}

/** What a test file gives the shared suite about the interpreter it tests. */
export interface ChatInterpreterBehaviourSetup {
  /**
   * Builds the interpreter under test on a server's base URL, as its provider would, with the id
   * `openai-compatible:<model>`; the test file closes it after each test.
   */
  readonly interpreterAt: (baseURL: string, settings?: ChatInterpreterSettings) => Interpreter;
  /**
   * Words the message of a stream cut mid-way contains. Each implementation words this failure its own way: the
   * project's client names the cause, the AI SDK only says that the answer cannot be read.
   */
  readonly cutStreamMessage: string;
  /**
   * The kinds of error an answer cut mid-way may become. The project's client always reads what arrived and says
   * `bad-response`; under the AI SDK, the transport may instead report the closed connection (`network`), depending
   * on when the cut reaches it.
   */
  readonly cutAnswerKinds: readonly InterpreterErrorKind[];
}

/**
 * Registers the cases every chat interpreter speaking the OpenAI chat-completions protocol must pass, against a
 * loopback server: what it sends, what it answers, and how each failure of the server or the network becomes an
 * `InterpreterError`. The cases run on both call paths (see `callPaths`); those about tokens run on the streaming
 * path alone.
 */
export function describeChatInterpreterBehaviour(name: string, setup: ChatInterpreterBehaviourSetup): void {
  const { interpreterAt, cutStreamMessage, cutAnswerKinds } = setup;

  describe.each(callPaths)(`${name}: $path`, ({ streams }) => {
    const serve = useOpenAICompatibleServers(afterEach);
    const interpret = interpretOn(streams);

    it('answers the text, the finish reason, the usage and no warnings, on the expected path', async () => {
      const server = await serve({ answer: 'The capital of France is Paris.' });
      const tokens: string[] = [];
      const result = await interpret(interpreterAt(server.url), call(), { seed: 7 }, tokens);
      expect(result).toEqual({
        text: 'The capital of France is Paris.',
        finishReason: 'stop',
        usage: { inputTokens: 7, outputTokens: 6 },
        ...(streams ? { firstTokenMs: expect.any(Number) } : {}),
        warnings: [],
      });
      const [sent] = server.chatRequests();
      expect(sent?.stream ?? false).toBe(streams);
      expect(sent?.stream_options).toEqual(streams ? { include_usage: true } : undefined);
      expect(tokens.join('')).toBe(streams ? result.text : '');
    });

    it('reports the cached and reasoning tokens the server details, and leaves out details that are not counts', async () => {
      const details = (cached: number, reasoning: number) => ({
        type: 'answer' as const,
        usage: {
          prompt_tokens_details: { cached_tokens: cached },
          completion_tokens_details: { reasoning_tokens: reasoning },
        },
      });
      const server = await serve({
        answer: 'The capital of France is Paris.',
        // Then more cached tokens than were sent, and a fraction of a token; then zeros, which cost nothing.
        failures: [details(5, 2), details(99, 1.5), details(0, 0)],
      });
      const interpreter = interpreterAt(server.url);
      const usages = [];
      for (let index = 0; index < 3; index++) usages.push((await interpret(interpreter, call(), { seed: 7 })).usage);
      expect(usages).toEqual([
        { inputTokens: 7, outputTokens: 6, cachedInputTokens: 5, reasoningTokens: 2 },
        { inputTokens: 7, outputTokens: 6 },
        { inputTokens: 7, outputTokens: 6 },
      ]);
    });

    it('times the first token of a streamed answer, text or tool call, on its clock', async () => {
      const server = await serve({
        failures: [{ type: 'answer' }, { type: 'tool-calls', calls: [{ name: 'lookup_order', arguments: '{}' }] }],
      });
      let time = 1_000;
      const interpreter = interpreterAt(server.url, { now: () => time });
      const timed = async (request: InterpreterCall) => {
        time = 1_000;
        const pending = interpret(interpreter, request, { seed: 1 });
        // The call has started; nothing it receives can arrive before this line has run.
        time = 1_250;
        return (await pending).firstTokenMs;
      };
      expect(await timed(call())).toBe(streams ? 250 : undefined);
      expect(await timed(toolTurn())).toBe(streams ? 250 : undefined);
    });

    it('sends the seed, temperature, top-p, max tokens and the messages of every call, and nothing else', async () => {
      const server = await serve();
      const interpreter = interpreterAt(server.url);
      await interpret(interpreter, call(), { seed: 123 });
      await interpret(interpreter, call({ settings: { temperature: 0 } }), { seed: 456 });
      const [first, second] = server.chatRequests();
      const streaming = streams ? { stream: true, stream_options: { include_usage: true } } : {};
      expect(first).toEqual({
        model: 'test-model',
        messages: [
          { role: 'system', content: 'Answer with one word.' },
          { role: 'user', content: 'Capital of France?' },
        ],
        temperature: 0.7,
        top_p: 0.9,
        max_tokens: 64,
        seed: 123,
        ...streaming,
      });
      expect(second).toEqual({
        model: 'test-model',
        messages: first?.messages,
        temperature: 0,
        seed: 456,
        ...streaming,
      });
      expect(server.requests.map((request) => [request.method, request.path])).toEqual([
        ['POST', '/v1/chat/completions'],
        ['POST', '/v1/chat/completions'],
      ]);
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

    it('sends the key and the configured headers, which win over its own', async () => {
      const server = await serve({ apiKey: 'sk-local' });
      const interpreter = interpreterAt(server.url, { apiKey: 'sk-local', headers: { 'x-team': 'evals' } });
      expect((await interpret(interpreter, call(), { seed: 1 })).text).toBe('ok');
      const overriding = interpreterAt(server.url, { apiKey: 'sk-local', headers: { Authorization: 'Bearer other' } });
      const refused = await failure(interpret(overriding, call(), { seed: 1 }));
      expect([refused.kind, refused.statusCode]).toEqual(['auth', 401]);
      const [accepted, replaced] = server.requests.map((request) => request.headers);
      expect(accepted).toMatchObject({
        authorization: 'Bearer sk-local',
        'x-team': 'evals',
        'content-type': 'application/json',
      });
      expect(replaced?.authorization).toBe('Bearer other');
    });

    it('gives seed-dependent answers back per seed, in Unicode', async () => {
      const server = await serve({ answer: (request) => (Number(request.seed) % 2 === 0 ? 'pair ✓' : 'impair ✗') });
      const interpreter = interpreterAt(server.url);
      const texts = await Promise.all([2, 3, 4].map((seed) => interpret(interpreter, call(), { seed })));
      expect(texts.map((result) => result.text)).toEqual(['pair ✓', 'impair ✗', 'pair ✓']);
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
      const interpreter = interpreterAt(server.url);
      const result = await interpret(interpreter, call({ responseFormat: { type: 'json', schema, name: 'capital' } }), {
        seed: 1,
      });
      await interpret(interpreter, call({ responseFormat: { type: 'json', schema } }), { seed: 1 });
      expect(result.text).toBe('{"city":"Paris"}');
      expect(result.warnings).toEqual([]);
      expect(server.chatRequests().map((request) => request.response_format)).toEqual([
        { type: 'json_schema', json_schema: { schema, strict: true, name: 'capital' } },
        { type: 'json_schema', json_schema: { schema, strict: true, name: 'response' } },
      ]);
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
          { type: 'status', status: 429 },
        ],
      });
      const now = Date.parse('Wed, 21 Oct 2065 07:28:00 GMT');
      const interpreter = interpreterAt(server.url, { now: () => now });
      const errors = [];
      for (let index = 0; index < 4; index++) errors.push(await failure(interpret(interpreter, call(), { seed: 1 })));
      expect(errors.map((error) => [error.kind, error.statusCode, error.retryAfterMs, error.isRetryable])).toEqual([
        ['rate-limit', 429, 2000, true],
        ['rate-limit', 429, 1500, true],
        ['rate-limit', 429, 30_000, true],
        ['rate-limit', 429, undefined, true],
      ]);
      expect(errors[0]?.message).toBe(
        `openai-compatible:test-model (${server.url}/chat/completions) is rate limited (HTTP 429: scripted failure 429)`,
      );
      expect(server.chatCount).toBe(4);
    });

    it('turns 500 and 503 into retryable server errors, and answers again after them', async () => {
      const server = await serve({
        failures: [
          { type: 'status', status: 500, body: '' },
          { type: 'status', status: 503, headers: { 'retry-after': '1' } },
        ],
      });
      const interpreter = interpreterAt(server.url);
      const first = await failure(interpret(interpreter, call(), { seed: 1 }));
      const second = await failure(interpret(interpreter, call(), { seed: 1 }));
      expect([first.kind, first.statusCode, first.isRetryable]).toEqual(['server', 500, true]);
      expect(first.message).toContain('(HTTP 500: Internal Server Error)');
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
      expect(error.message).toContain('sent an answer that cannot be read');
    });

    it('turns an answer cut mid-way into a retryable error of the kinds the implementation allows', async () => {
      const server = await serve({ answer: 'alpha beta gamma delta', failures: [{ type: 'cut', chunks: 3 }] });
      const error = await failure(interpret(interpreterAt(server.url), call(), { seed: 1 }));
      expect(cutAnswerKinds).toContain(error.kind);
      expect(error.isRetryable).toBe(true);
    });

    it('turns a connection reset before any answer into a network error', async () => {
      const server = await serve({ failures: [{ type: 'reset' }] });
      const error = await failure(interpret(interpreterAt(server.url), call(), { seed: 1 }));
      expect([error.kind, error.isRetryable]).toEqual(['network', true]);
      expect(error.hint).toBe(`is the server running at ${server.url}?`);
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
      expect(error.message).toContain('The model `no-such-model` does not exist');
      expect(error.hint).toContain('check the model name');
      expect(error.hint).toContain(server.url);
    });

    it('turns a refused key into a non-retryable auth error naming the variable, and other 4xx into request errors', async () => {
      const server = await serve({
        failures: [
          { type: 'status', status: 401 },
          { type: 'status', status: 403 },
          { type: 'status', status: 400 },
          { type: 'status', status: 409 },
        ],
      });
      const interpreter = interpreterAt(server.url);
      const errors = [];
      for (let index = 0; index < 4; index++) errors.push(await failure(interpret(interpreter, call(), { seed: 1 })));
      expect(errors.map((error) => [error.kind, error.statusCode, error.isRetryable])).toEqual([
        ['auth', 401, false],
        ['auth', 403, false],
        ['request', 400, false],
        ['request', 409, true],
      ]);
      expect(errors[0]?.hint).toBe('check OPENAI_COMPATIBLE_API_KEY');
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
  });

  describe(`${name}: streaming to onToken`, () => {
    const serve = useOpenAICompatibleServers(afterEach);

    it('streams tokens in order, as they arrive, and they join to the text', async () => {
      const server = await serve({ answer: 'The capital of France is Paris.', chunkDelayMs: 2 });
      const tokens: string[] = [];
      const result = await interpreterAt(server.url).interpret(call(), {
        seed: 7,
        onToken: (text) => tokens.push(text),
      });
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
      expect(error.message).toContain(cutStreamMessage);
      expect(tokens).toEqual(['alpha ', 'beta ']);
    });
  });
}
