import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InterpreterCall } from '../src/contracts/interpreter-call.js';
import type { ProviderOptions } from '../src/contracts/interpreter-provider.js';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import { aiSdkProviders, openaiProvider } from '../src/interpreters/ai-sdk/index.js';
import { openaiCompatibleProvider } from '../src/interpreters/openai-compatible/index.js';
import { resolveInterpreter } from '../src/interpreters/resolve-interpreter.js';
import { closedPort } from './support/closed-port.js';
import { failure } from './support/failure.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';

const serve = useOpenAICompatibleServers(afterEach);
afterEach(() => {
  vi.unstubAllGlobals();
});

const options = (overrides: Partial<ProviderOptions> = {}): ProviderOptions => ({ env: {}, cwd: '/tmp', ...overrides });

const call: InterpreterCall = {
  messages: [{ role: 'user', content: 'Capital of France?' }],
  settings: { temperature: 0.2 },
  origin: { programName: 'capitals', caseId: 'fr' },
};

describe('the hosted providers', () => {
  it.each([
    ['openai:gpt-4o-mini', 'OPENAI_API_KEY'],
    ['anthropic:claude-haiku-4-5', 'ANTHROPIC_API_KEY'],
    ['google:gemini-2.5-flash', 'GOOGLE_GENERATIVE_AI_API_KEY'],
  ])('refuse %s without %s, in one line naming it, without any network', async (id, variable) => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetchSpy);
    const result = await resolveInterpreter(id, options({ env: { OTHER: 'x', [variable]: '  ' } }), aiSdkProviders);
    expect(result).toEqual({
      ok: false,
      error: { message: `${variable} is not set; \`${id}\` needs it`, hint: expect.stringContaining(variable) },
    });
    expect(result.ok || result.error.message.includes('\n')).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    ['openai', 'OPENAI_API_KEY'],
    ['anthropic', 'ANTHROPIC_API_KEY'],
    ['google', 'GOOGLE_GENERATIVE_AI_API_KEY'],
  ])('set up %s: interpreters with a key, without any network', async (name, variable) => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));
    vi.stubGlobal('fetch', fetchSpy);
    const result = await resolveInterpreter(
      `${name}:some-model`,
      options({ env: { [variable]: 'k' } }),
      aiSdkProviders,
    );
    expect(result.ok && result.interpreter.id).toBe(`${name}:some-model`);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('ask for a model name, and refuse unknown settings', async () => {
    const env = { OPENAI_API_KEY: 'k' };
    const empty = await openaiProvider.create('', options({ env }));
    expect(empty).toEqual({ ok: false, error: expect.objectContaining({ message: '`openai:` needs a model name' }) });
    const unknown = await openaiProvider.create('gpt-4o-mini', options({ env, settings: { threads: 2 } }));
    expect(unknown.ok ? undefined : unknown.error.message).toBe(
      'invalid settings for `openai:` interpreters: unknown setting `threads`',
    );
    const badURL = await openaiProvider.create('gpt-4o-mini', options({ env, settings: { baseURL: 'ftp://x' } }));
    expect(badURL.ok).toBe(false);
  });

  it('send the key and the sampling settings: openai through chat completions, at a configured endpoint', async () => {
    const server = await serve({ apiKey: 'sk-test', models: ['gpt-4o-mini'], answer: 'Paris' });
    const result = await openaiProvider.create(
      'gpt-4o-mini',
      options({ env: { OPENAI_API_KEY: 'sk-test' }, settings: { baseURL: server.url } }),
    );
    if (!result.ok) throw new Error(result.error.message);
    const step = await result.interpreter.interpret(call, { seed: 42 });
    expect(step.text).toBe('Paris');
    const tokens: string[] = [];
    const streamed = await result.interpreter.interpret(call, { seed: 43, onToken: (text) => tokens.push(text) });
    expect([streamed.text, tokens]).toEqual(['Paris', ['Paris']]);
    const [generated, streaming] = server.chatRequests();
    expect(generated).toMatchObject({ model: 'gpt-4o-mini', seed: 42, temperature: 0.2 });
    expect(generated?.stream).not.toBe(true);
    expect(streaming).toMatchObject({ model: 'gpt-4o-mini', seed: 43, temperature: 0.2, stream: true });
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-test',
      'Bearer sk-test',
    ]);
  });
});

describe('the hosted providers and credentials', () => {
  it('mask the key wherever a server echoes it, and credentials in the description', async () => {
    const key = 'plain-key-0451';
    const server = await serve({
      apiKey: key,
      models: ['gpt-4o-mini'],
      failures: [{ type: 'status', status: 401, body: JSON.stringify({ error: { message: `bad key ${key}` } }) }],
    });
    const at = (baseURL: string) =>
      openaiProvider.create('gpt-4o-mini', options({ env: { OPENAI_API_KEY: key }, settings: { baseURL } }));
    const result = await at(server.url);
    if (!result.ok) throw new Error(result.error.message);
    const refused = await failure(result.interpreter.interpret(call, { seed: 1 }));
    expect(refused).toMatchObject({ kind: 'auth', message: expect.stringContaining('(HTTP 401: bad key ***)') });
    expect(`${refused.message} ${refused.hint}`).not.toContain(key);
    const proxied = await at('https://user:pw-secret-99@proxy.example/v1');
    expect(proxied.ok && proxied.interpreter.description).toBe(
      'OpenAI gpt-4o-mini through the AI SDK at https://***@proxy.example/v1',
    );
  });
});

describe('the openai-compatible provider', () => {
  it('needs a base URL, with a hint naming --base-url and baseURL', async () => {
    const result = await resolveInterpreter('openai-compatible:test-model', options(), [openaiCompatibleProvider]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe("`openai-compatible:test-model` needs the server's URL");
    expect(result.error.hint).toContain('--base-url');
    expect(result.error.hint).toContain('`baseURL`');
  });

  it('refuses a base URL that is not http(s)', async () => {
    const result = await openaiCompatibleProvider.create('m', options({ baseURL: 'localhost:8080' }));
    expect(result.ok ? undefined : result.error.message).toBe('the base URL `localhost:8080` is not an http(s) URL');
  });

  it('refuses an unreachable server before sampling, naming the URL', async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const result = await openaiCompatibleProvider.create('test-model', options({ baseURL }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(`cannot reach the server at ${baseURL} (ECONNREFUSED)`);
    expect(result.error.hint).toContain('--base-url');
  });

  it('refuses a server that rejects the key, naming OPENAI_COMPATIBLE_API_KEY', async () => {
    const server = await serve({ apiKey: 'right' });
    const wrong = await openaiCompatibleProvider.create(
      'test-model',
      options({ baseURL: server.url, env: { OPENAI_COMPATIBLE_API_KEY: 'wrong' } }),
    );
    expect(wrong.ok ? undefined : wrong.error.hint).toContain('OPENAI_COMPATIBLE_API_KEY');
    const right = await openaiCompatibleProvider.create(
      'test-model',
      options({ baseURL: `${server.url}/`, env: { OPENAI_COMPATIBLE_API_KEY: 'right' } }),
    );
    if (!right.ok) throw new Error(right.error.message);
    expect(right.interpreter.description).toBe(`test-model on the OpenAI-compatible server at ${server.url}`);
    expect((await right.interpreter.interpret(call, { seed: 1 })).text).toBe('ok');
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer right');
  });

  it('checks a base URL carrying credentials with them, and names it with them masked', async () => {
    const server = await serve({ apiKey: 'right-key-1' });
    const withCredentials = (url: string) => `${url.replace('//', '//user:pw-secret-99@')}?api_key=q-secret-55`;
    const result = await openaiCompatibleProvider.create(
      'test-model',
      options({ baseURL: withCredentials(server.url), env: { OPENAI_COMPATIBLE_API_KEY: 'right-key-1' } }),
    );
    expect(result.ok).toBe(true);
    expect(server.requests[0]).toMatchObject({
      path: '/v1/models?api_key=q-secret-55',
      headers: { authorization: 'Bearer right-key-1' },
    });
    const closed = withCredentials(`http://127.0.0.1:${await closedPort()}/v1`);
    const unreachable = await openaiCompatibleProvider.create('test-model', options({ baseURL: closed }));
    expect(unreachable.ok ? undefined : unreachable.error.message).toBe(
      `cannot reach the server at ${closed.replace('user:pw-secret-99', '***').replace('q-secret-55', '***')} (ECONNREFUSED)`,
    );
  });

  it('takes a per-call time limit from its settings', async () => {
    const server = await serve({ failures: [{ type: 'hang' }] });
    const result = await openaiCompatibleProvider.create(
      'test-model',
      options({ baseURL: server.url, settings: { timeoutMs: 150 } }),
    );
    if (!result.ok) throw new Error(result.error.message);
    await expect(result.interpreter.interpret(call, { seed: 1 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('sets up for an unknown model, whose calls then fail with a config error', async () => {
    const server = await serve({ models: ['llama3.2'] });
    const result = await openaiCompatibleProvider.create('llama9', options({ baseURL: server.url }));
    if (!result.ok) throw new Error(result.error.message);
    await expect(result.interpreter.interpret(call, { seed: 1 })).rejects.toMatchObject({
      kind: 'config',
      isRetryable: false,
      statusCode: 404,
    });
  });
});

/** What the mock model answers on both paths: text, a finish, usage, and warnings about ignored settings. */
const mockWarnings = [
  { type: 'unsupported', feature: 'seed', details: 'this model has no seed' },
  { type: 'other', message: 'something else' },
] as const;
const mockUsage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

function mockModel() {
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [
        { type: 'reasoning', text: 'thinking…' },
        { type: 'text', text: 'Par' },
        { type: 'text', text: 'is' },
      ],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: mockUsage,
      warnings: [...mockWarnings],
    }),
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [...mockWarnings] });
          controller.enqueue({ type: 'reasoning-start', id: 'r' });
          controller.enqueue({ type: 'reasoning-delta', id: 'r', delta: 'thinking…' });
          controller.enqueue({ type: 'reasoning-end', id: 'r' });
          controller.enqueue({ type: 'text-start', id: '1' });
          controller.enqueue({ type: 'text-delta', id: '1', delta: 'Par' });
          controller.enqueue({ type: 'text-delta', id: '1', delta: '' });
          controller.enqueue({ type: 'text-delta', id: '1', delta: 'is' });
          controller.enqueue({ type: 'text-end', id: '1' });
          controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: mockUsage });
          controller.close();
        },
      }),
    }),
  });
}

describe('any AI SDK model', () => {
  const expected = {
    text: 'Paris',
    finishReason: 'stop',
    usage: { inputTokens: 5, outputTokens: 1 },
    warnings: [
      {
        type: 'unsupported-setting',
        setting: 'seed',
        message: 'the backend ignores the setting `seed`: this model has no seed',
      },
      { type: 'other', message: 'something else' },
    ],
  };
  const schema = { type: 'object', properties: { city: { type: 'string' } } };
  const typedCall: InterpreterCall = { ...call, responseFormat: { type: 'json', schema, name: 'capital' } };
  const providerOptions = {
    prompt: [{ role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] }],
    seed: 9,
    temperature: 0.2,
    responseFormat: { type: 'json', schema, name: 'capital' },
  };

  it('is called through doGenerate when nobody listens to tokens: text without reasoning, warnings mapped', async () => {
    const model = mockModel();
    const interpreter = createAiSdkInterpreter(model, { id: 'mock:model', description: 'a mock' });
    expect(await interpreter.interpret(typedCall, { seed: 9 })).toEqual(expected);
    expect(model.doStreamCalls).toHaveLength(0);
    expect(model.doGenerateCalls).toEqual([providerOptions]);
  });

  it('is called through doStream when someone does, with the same result and the text in tokens', async () => {
    const model = mockModel();
    const interpreter = createAiSdkInterpreter(model, { id: 'mock:model', description: 'a mock' });
    const tokens: string[] = [];
    expect(await interpreter.interpret(typedCall, { seed: 9, onToken: (text) => tokens.push(text) })).toEqual({
      ...expected,
      firstTokenMs: expect.any(Number),
    });
    expect(tokens).toEqual(['Par', 'is']);
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(model.doStreamCalls).toEqual([providerOptions]);
  });

  it('turns an error part of the stream into an InterpreterError, after the tokens before it', async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({ type: 'text-delta', id: '1', delta: 'Par' });
            controller.enqueue({ type: 'error', error: new Error('the model broke down') });
            controller.enqueue({ type: 'text-delta', id: '1', delta: 'is' });
            controller.close();
          },
        }),
      }),
    });
    const interpreter = createAiSdkInterpreter(model, { id: 'mock:model', description: 'a mock' });
    const tokens: string[] = [];
    await expect(interpreter.interpret(call, { seed: 1, onToken: (text) => tokens.push(text) })).rejects.toMatchObject({
      name: 'InterpreterError',
      message: 'mock:model failed: the model broke down',
    });
    expect(tokens).toEqual(['Par']);
  });

  it('reports the cache reads and writes and the reasoning the provider counts, when they are counts within the totals', async () => {
    const usageOf = async (inputTokens: object, outputTokens: object) => {
      const model = new MockLanguageModelV3({
        doGenerate: async () => ({
          content: [{ type: 'text', text: 'Paris' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: { inputTokens, outputTokens } as typeof mockUsage,
          warnings: [],
        }),
      });
      return (
        await createAiSdkInterpreter(model, { id: 'mock:model', description: 'a mock' }).interpret(call, { seed: 1 })
      ).usage;
    };
    expect(
      await usageOf({ total: 100, noCache: 20, cacheRead: 50, cacheWrite: 30 }, { total: 40, text: 10, reasoning: 30 }),
    ).toEqual({ inputTokens: 100, outputTokens: 40, cachedInputTokens: 50, cacheWriteTokens: 30, reasoningTokens: 30 });
    expect(
      await usageOf({ total: 10, noCache: 10, cacheRead: -1, cacheWrite: 0.5 }, { total: 4, text: 4, reasoning: 41 }),
    ).toEqual({ inputTokens: 10, outputTokens: 4 });
  });

  it('times the first text or tool-call part of a stream, not its start or reasoning', async () => {
    let time = 0;
    /** A stream that gives one part per read, the clock 100 ms later each time. */
    const model = (parts: readonly object[]) =>
      new MockLanguageModelV3({
        doStream: async () => {
          const queue = [
            ...parts,
            { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: mockUsage },
          ];
          return {
            stream: new ReadableStream(
              {
                pull(controller) {
                  time += 100;
                  const part = queue.shift();
                  if (part) controller.enqueue(part as never);
                  else controller.close();
                },
              },
              { highWaterMark: 0 },
            ),
          };
        },
      });
    const firstTokenMs = async (parts: readonly object[]) => {
      time = 0;
      const interpreter = createAiSdkInterpreter(model(parts), {
        id: 'mock:model',
        description: 'a mock',
        now: () => time,
      });
      return (await interpreter.interpret(call, { seed: 1, onToken: () => {} })).firstTokenMs;
    };
    const opening = [
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-delta', id: 'r', delta: 'thinking…' },
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: '' },
    ];
    expect(await firstTokenMs([...opening, { type: 'text-delta', id: '1', delta: 'Paris' }])).toBe(500);
    expect(await firstTokenMs([...opening, { type: 'tool-input-start', id: 't', toolName: 'lookup' }])).toBe(500);
    expect(await firstTokenMs(opening)).toBeUndefined();
    // With `stream`, a call nobody listens to streams too, for its time to the first token.
    time = 0;
    const streaming = createAiSdkInterpreter(model([...opening, { type: 'text-delta', id: '1', delta: 'Paris' }]), {
      id: 'mock:model',
      description: 'a mock',
      now: () => time,
      stream: true,
    });
    const streamed = await streaming.interpret(call, { seed: 1 });
    expect(streamed).toMatchObject({ text: 'Paris', firstTokenMs: 500 });
  });

  it('refuses a model of another specification when the interpreter is created', () => {
    const model = { ...mockModel(), specificationVersion: 'v2', provider: 'old', modelId: 'model' };
    expect(() =>
      createAiSdkInterpreter(model as unknown as ReturnType<typeof mockModel>, { id: 'old:model', description: 'old' }),
    ).toThrow(/specification v2, not v3/);
  });
});
