import { afterEach, describe, expect, it } from 'vitest';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
  streamPieces,
  useOpenAICompatibleServers,
} from './openai-compatible-server.js';

const serve = useOpenAICompatibleServers(afterEach);

const chat = (server: OpenAICompatibleServer, body: Record<string, unknown>, signal?: AbortSignal) =>
  fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'test-model', messages: [{ role: 'user', content: 'hi there' }], ...body }),
    ...(signal ? { signal } : {}),
  });

/** The parts of the server's JSON bodies that these tests read. */
interface Body {
  readonly data: { readonly id: string }[];
  readonly choices: {
    readonly index: number;
    readonly message: { readonly role: string; readonly content: string };
    readonly finish_reason: string;
  }[];
  readonly usage: Readonly<Record<string, number>>;
  readonly error: { readonly code: string | null; readonly type: string };
}
const json = async (response: Response) => (await response.json()) as Body;

/** The data of each SSE event of a streamed answer. */
const events = (text: string) =>
  text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));

describe('the OpenAI-compatible test server', () => {
  it('listens on loopback and lists its models', async () => {
    const server = await serve({ models: ['a', 'b'] });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const response = await fetch(`${server.url}/models`);
    expect((await json(response)).data.map((model) => model.id)).toEqual(['a', 'b']);
  });

  it('answers in JSON with usage, and records the request', async () => {
    const server = await serve({ answer: 'Paris is the capital.' });
    const response = await chat(server, { seed: 3, temperature: 0.5, top_p: 0.8, max_tokens: 10 });
    const body = await json(response);
    expect(body.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Paris is the capital.' },
      finish_reason: 'stop',
    });
    expect(body.usage).toEqual({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
    expect(server.chatRequests()).toEqual([
      expect.objectContaining({ seed: 3, temperature: 0.5, top_p: 0.8, max_tokens: 10 }),
    ]);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(server.chatCount).toBe(1);
  });

  it('streams SSE chunks that join to the answer, then usage when asked, then [DONE]', async () => {
    const server = await serve({ answer: 'one two three' });
    const text = await (await chat(server, { stream: true, stream_options: { include_usage: true } })).text();
    const data = events(text);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((event) => JSON.parse(event));
    const content = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(content).toBe('one two three');
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(streamPieces('one two three')).toEqual(['one ', 'two ', 'three']);
  });

  it('answers per seed, and refuses unknown models with 404', async () => {
    const server = await serve({ answer: (request) => `seed ${request.seed}` });
    expect((await json(await chat(server, { seed: 9 }))).choices[0]?.message.content).toBe('seed 9');
    const unknown = await chat(server, { model: 'gpt-9' });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('model_not_found');
  });

  it('plays scripted failures in order, then answers', async () => {
    const server = await serve({
      failures: [
        { type: 'status', status: 429, headers: { 'retry-after': '3' } },
        { type: 'status', status: 503 },
      ],
    });
    server.enqueue({ type: 'bad-json' });
    const first = await chat(server, {});
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await json(first)).error.type).toBe('rate_limit_error');
    expect((await chat(server, {})).status).toBe(503);
    const bad = await chat(server, {});
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();
    expect((await json(await chat(server, {}))).choices[0]?.message.content).toBe('ok');
  });

  it('waits the latency before answering', async () => {
    const server = await serve({ latencyMs: 80 });
    const started = performance.now();
    await (await chat(server, {})).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('holds a hanging request until the client gives up', async () => {
    const server = await serve({ failures: [{ type: 'hang' }] });
    const started = performance.now();
    await expect(chat(server, {}, AbortSignal.timeout(150))).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await chat(server, {})).status).toBe(200);
  });

  it('drops a hanging request after maxHangMs', async () => {
    const server = await serve({ failures: [{ type: 'hang' }], maxHangMs: 50 });
    await expect(chat(server, {})).rejects.toThrow();
  });

  it('cuts a stream after the chunks it was told to send, and resets connections', async () => {
    const server = await serve({ answer: 'a b c d', failures: [{ type: 'cut', chunks: 2 }, { type: 'reset' }] });
    const response = await chat(server, { stream: true });
    await expect(response.text()).rejects.toThrow();
    await expect(chat(server, {})).rejects.toThrow();
  });

  it('asks for the key when it has one', async () => {
    const server = await serve({ apiKey: 'secret' });
    expect((await chat(server, {})).status).toBe(401);
    const response = await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer secret' } });
    expect(response.status).toBe(200);
  });

  it('serves many concurrent requests, keeps connections alive, and bounds what it records', async () => {
    const server = await serve({ latencyMs: 20, maxRecorded: 10 });
    await Promise.all(
      Array.from({ length: 50 }, (_, seed) => chat(server, { seed }).then((response) => response.json())),
    );
    expect(server.chatCount).toBe(50);
    expect(server.requests).toHaveLength(10);
    expect(server.maxConcurrent).toBeGreaterThan(10);
  });

  it('closes, ending requests in progress, and can be closed twice', async () => {
    let arrived: () => void = () => {};
    const inProgress = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await startOpenAICompatibleServer({
      reply: () => {
        arrived();
        return { type: 'hang' };
      },
    });
    const pending = chat(server, {});
    await inProgress;
    await Promise.all([server.close(), server.close()]);
    await expect(pending).rejects.toThrow();
    await expect(chat(server, {})).rejects.toThrow();
  });

  it('closes itself after its lifetime', async () => {
    const server = await startOpenAICompatibleServer({ lifetimeMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await expect(chat(server, {})).rejects.toThrow();
  });
});
