import { createServer as createHttpServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Interpreter } from '../src/contracts/interpreter.js';
import { createOpenAICompatibleInterpreter } from '../src/interpreters/openai-compatible/index.js';
import { callPaths, interpretOn } from './support/call-paths.js';
import { capitalCall as call } from './support/capital-call.js';
import {
  type ChatInterpreterSettings,
  describeChatInterpreterBehaviour,
} from './support/chat-interpreter-behaviour.js';
import { closeAfterEach } from './support/close-after-each.js';
import { failure } from './support/failure.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';

const serve = useOpenAICompatibleServers(afterEach);
const closedAfterTheTest = closeAfterEach(afterEach);

/** The client on a given base URL, without the provider's setup checks. */
const interpreterAt = (baseURL: string, settings: ChatInterpreterSettings = {}): Interpreter =>
  closedAfterTheTest(createOpenAICompatibleInterpreter({ model: 'test-model', baseURL, ...settings }));

/** A reply of status 200 with a body written by the test: JSON, or server-sent events for a streaming call. */
const body200 = (body: string) => ({ type: 'status', status: 200, body }) as const;
const sse = (...chunks: readonly unknown[]) =>
  `${chunks.map((chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`).join('')}`;
const completion = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'x', choices: [{ index: 0, message, finish_reason: 'stop' }], ...extra });

describeChatInterpreterBehaviour('the openai-compatible client', {
  interpreterAt,
  cutStreamMessage: 'the connection closed mid-answer',
  cutAnswerKinds: ['bad-response'],
});

describe.each(callPaths)('the openai-compatible client: $path', ({ streams }) => {
  const interpret = interpretOn(streams);

  it('releases its connections on close, and opens new ones for calls after it', async () => {
    const server = await serve();
    const interpreter = interpreterAt(server.url);
    await interpret(interpreter, call(), { seed: 1 });
    await interpret(interpreter, call(), { seed: 2 });
    expect(server.connectionCount).toBe(1);
    await interpreter.close?.();
    await interpreter.close?.();
    expect((await interpret(interpreter, call(), { seed: 3 })).text).toBe('ok');
    expect(server.connectionCount).toBe(2);
  });
});

describe('the openai-compatible client reading answers', () => {
  it('streams every answer with `stream: true`, so that a call nobody listens to has its time to the first token', async () => {
    const server = await serve();
    const ticks = [1000, 1250, 1400];
    const streaming = closedAfterTheTest(
      createOpenAICompatibleInterpreter({
        model: 'test-model',
        baseURL: server.url,
        stream: true,
        now: () => ticks.shift() ?? 1400,
      }),
    );
    const result = await streaming.interpret(call(), { seed: 1 });
    expect(result.text).toBe('ok');
    expect(result.firstTokenMs).toBe(250);
    expect(server.chatRequests()[0]?.stream).toBe(true);
    // Without the setting, the same call reads one JSON body and says nothing of a first token.
    const whole = await interpreterAt(server.url).interpret(call(), { seed: 1 });
    expect(whole.firstTokenMs).toBeUndefined();
    expect(server.chatRequests()[1]?.stream).toBeUndefined();
  });

  it('reports an error status whose body was cut by its status, and a cut success as a bad response', async () => {
    // A server that promises 100 bytes of body, sends 10, and drops the connection.
    const statuses = [503, 200];
    const server = createHttpServer((_request, response) => {
      response.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json', 'content-length': 100 });
      response.write('{"error": ');
      response.socket?.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const interpreter = interpreterAt(`http://127.0.0.1:${port}/v1`);
      const failed = await failure(interpreter.interpret(call(), { seed: 1 }));
      expect([failed.kind, failed.statusCode, failed.isRetryable]).toEqual(['server', 503, true]);
      const cut = await failure(interpreter.interpret(call(), { seed: 1 }));
      expect([cut.kind, cut.statusCode, cut.isRetryable]).toEqual(['bad-response', 200, true]);
      expect(cut.message).toContain('the connection closed mid-answer');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('turns a JSON answer without choices, or with none, into a bad-response error', async () => {
    const server = await serve({
      failures: [body200('{"id":"x","object":"chat.completion"}'), body200('{"id":"x","choices":[]}')],
    });
    const interpreter = interpreterAt(server.url);
    const missing = await failure(interpreter.interpret(call(), { seed: 1 }));
    const empty = await failure(interpreter.interpret(call(), { seed: 1 }));
    expect([missing.kind, missing.isRetryable, missing.statusCode]).toEqual(['bad-response', true, 200]);
    expect(missing.message).toContain('the body has no `choices`');
    expect(empty.message).toContain('`choices` is empty');
  });

  it('leaves reasoning out of the text, reads content parts, and reads a refusal as a content filter', async () => {
    const server = await serve({
      failures: [
        body200(completion({ content: 'Paris', reasoning_content: 'The capital is…' })),
        body200(
          completion({
            content: [
              { type: 'thinking', thinking: [] },
              { type: 'text', text: 'Par' },
              { type: 'text', text: 'is' },
            ],
          }),
        ),
        body200(completion({ content: null, refusal: 'I cannot help with that.' })),
        body200(JSON.stringify({ choices: [{ message: { content: 'x' }, finish_reason: 'tool_calls' }], usage: null })),
      ],
    });
    const interpreter = interpreterAt(server.url);
    const results = [];
    for (let index = 0; index < 4; index++) results.push(await interpreter.interpret(call(), { seed: 1 }));
    expect(results.map((result) => [result.text, result.finishReason, result.usage])).toEqual([
      ['Paris', 'stop', undefined],
      ['Paris', 'stop', undefined],
      ['I cannot help with that.', 'content-filter', undefined],
      ['x', 'tool-calls', undefined],
    ]);
  });

  it('reads events split anywhere, with CRLF line ends, comments and reasoning, and usage from the last chunk', async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const events = `: keep-alive\r\n\r\n${sse(
      chunk({ role: 'assistant', reasoning_content: 'Hmm…' }),
      chunk({ content: 'Pa' }),
      chunk({ content: 'ris ✓' }),
      chunk({}, 'stop'),
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } },
      '[DONE]',
    ).replaceAll('\n', '\r\n')}`;
    const server = await serve({ failures: [body200(events)] });
    const tokens: string[] = [];
    const result = await interpreterAt(server.url).interpret(call(), {
      seed: 1,
      onToken: (text) => tokens.push(text),
    });
    expect(result).toEqual({
      text: 'Paris ✓',
      finishReason: 'stop',
      usage: { inputTokens: 3, outputTokens: 2 },
      firstTokenMs: expect.any(Number),
      warnings: [],
    });
    expect(tokens).toEqual(['Pa', 'ris ✓']);
  });

  it('turns an error event into a retryable server error, and a stream without a finish reason into a bad response', async () => {
    const server = await serve({
      failures: [
        body200(sse({ choices: [{ delta: { content: 'Pa' } }] }, { error: { message: 'out of memory' } })),
        body200(sse({ choices: [{ delta: { content: 'Pa' } }] }, '[DONE]')),
      ],
    });
    const interpreter = interpreterAt(server.url);
    const onToken = () => {};
    const broken = await failure(interpreter.interpret(call(), { seed: 1, onToken }));
    expect([broken.kind, broken.isRetryable]).toEqual(['server', true]);
    expect(broken.message).toContain('out of memory');
    const unfinished = await failure(interpreter.interpret(call(), { seed: 1, onToken }));
    expect([unfinished.kind, unfinished.isRetryable]).toEqual(['bad-response', true]);
    expect(unfinished.message).toContain('the stream ended without a finish reason');
  });

  it('stops at once when a listener cancels within one piece holding many events', async () => {
    const server = await serve({ answer: 'one two three four' });
    const controller = new AbortController();
    const tokens: string[] = [];
    const error = await failure(
      interpreterAt(server.url).interpret(call(), {
        seed: 1,
        signal: controller.signal,
        onToken: (text) => {
          tokens.push(text);
          controller.abort();
        },
      }),
    );
    expect(error.kind).toBe('aborted');
    expect(tokens).toEqual(['one ']);
  });

  it('fails with the error of a listener that throws, not retried', async () => {
    const server = await serve({ answer: 'one two' });
    const error = await failure(
      interpreterAt(server.url).interpret(call(), {
        seed: 1,
        onToken: () => {
          throw new Error('the listener broke');
        },
      }),
    );
    expect([error.kind, error.isRetryable, error.message]).toEqual([
      'request',
      false,
      'openai-compatible:test-model failed: the listener broke',
    ]);
  });
});

describe.each(callPaths)('the openai-compatible client and credentials: $path', ({ streams }) => {
  const interpret = interpretOn(streams);
  const key = 'plain-key-0451';
  const echo = (status: number, message: string) =>
    ({ type: 'status', status, body: JSON.stringify({ error: { message } }) }) as const;

  it('sends a base URL’s user and password as basic authorization, the key over them, and keeps its query', async () => {
    const server = await serve();
    const baseURL = `${server.url.replace('//', '//al%40ice:pw-secret-99@')}?api-version=2024-06-01`;
    await interpret(interpreterAt(baseURL), call(), { seed: 1 });
    await interpret(interpreterAt(baseURL, { apiKey: key }), call(), { seed: 1 });
    expect(server.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/v1/chat/completions?api-version=2024-06-01', `Basic ${Buffer.from('al@ice:pw-secret-99').toString('base64')}`],
      ['/v1/chat/completions?api-version=2024-06-01', `Bearer ${key}`],
    ]);
  });

  it('masks the key, the base URL’s credentials and credential headers in its description and errors', async () => {
    const server = await serve({
      apiKey: key,
      failures: [
        echo(401, `Incorrect API key provided: ${key}`),
        echo(500, `upstream refused x-api-key hdr-secret-77 from ${key.toUpperCase()} (${key})`),
        echo(404, 'no model'),
      ],
    });
    const baseURL = `${server.url.replace('//', '//user:pw-secret-99@')}?api_key=q-secret-55`;
    const interpreter = interpreterAt(baseURL, { apiKey: key, headers: { 'x-api-key': 'hdr-secret-77' } });
    const shownURL = `http://***@127.0.0.1:${server.port}/v1?api_key=***`;
    expect(interpreter.description).toBe(`test-model on the OpenAI-compatible server at ${shownURL}`);
    const refused = await failure(interpret(interpreter, call(), { seed: 1 }));
    expect(refused.message).toBe(
      `openai-compatible:test-model (http://127.0.0.1:${server.port}/v1/chat/completions?api_key=***) refused the key (HTTP 401: Incorrect API key provided: ***)`,
    );
    const failed = await failure(interpret(interpreter, call(), { seed: 1 }));
    expect(failed.message).toContain(`(HTTP 500: upstream refused x-api-key *** from ${key.toUpperCase()} (***))`);
    const unknown = await failure(interpret(interpreter, call(), { seed: 1 }));
    expect(unknown.hint).toBe(`check the model name in \`openai-compatible:test-model\` and the base URL ${shownURL}`);
    for (const error of [refused, failed, unknown]) {
      expect(`${error.message} ${error.hint}`).not.toMatch(/plain-key-0451|pw-secret-99|q-secret-55|hdr-secret-77/);
    }
  });
});
