import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { InterpreterCall } from '../src/contracts/interpreter-call.js';
import type { ProviderOptions } from '../src/contracts/interpreter-provider.js';
import { aiSdkProvider } from '../src/index.js';
import { combineProviders } from '../src/interpreters/combine-providers.js';
import { builtinProviders, resolveInterpreter } from '../src/interpreters/resolve-interpreter.js';

const options: ProviderOptions = { env: {}, cwd: '/' };
const call: InterpreterCall = {
  messages: [{ role: 'user', content: 'Capital of France?' }],
  settings: {},
  origin: { programName: 'capitals', caseId: 'fr' },
};

const answering = (text: string) =>
  new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 5, noCache: 5, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 1, text: 1, reasoning: 0 },
      },
      warnings: [],
    }),
  });

describe('aiSdkProvider', () => {
  it('makes `<name>:<model>` interpreters of the model its factory builds for the name after the colon', async () => {
    const asked: { modelId: string; baseURL?: string }[] = [];
    const provider = aiSdkProvider({
      name: 'myllm',
      model: (modelId, given) => {
        asked.push({ modelId, ...(given.baseURL ? { baseURL: given.baseURL } : {}) });
        return answering('Paris');
      },
    });
    expect(provider.summary).toBe('`myllm:` models through the AI SDK');
    const resolved = await resolveInterpreter('myllm:big:v2', { ...options, baseURL: 'http://127.0.0.1:1/v1' }, [
      provider,
    ]);
    if (!resolved.ok) throw new Error(resolved.error.message);
    expect(resolved.interpreter.id).toBe('myllm:big:v2');
    expect(resolved.interpreter.description).toBe('`myllm` big:v2 through the AI SDK');
    expect(asked).toEqual([{ modelId: 'big:v2', baseURL: 'http://127.0.0.1:1/v1' }]);
    expect((await resolved.interpreter.interpret(call, { seed: 1 })).text).toBe('Paris');
  });

  it('reports set-up mistakes as data: no model name, a missing key, a factory that throws or returns no model', async () => {
    const model = () => answering('x');
    const failure = async (provider: ReturnType<typeof aiSdkProvider>, modelId: string) => {
      const resolved = await provider.create(modelId, options);
      if (resolved.ok) throw new Error('expected a set-up error');
      return resolved.error;
    };
    expect(await failure(aiSdkProvider({ name: 'myllm', model }), ' ')).toEqual({
      message: '`myllm:` needs a model name',
      hint: 'name one after the colon: `myllm:<model>`',
    });
    expect(await failure(aiSdkProvider({ name: 'myllm', model, keyVariable: 'MYLLM_KEY' }), 'm')).toEqual({
      message: 'MYLLM_KEY is not set; `myllm:m` needs it',
      hint: 'export MYLLM_KEY=<the key>',
    });
    const throwing = aiSdkProvider({
      name: 'myllm',
      model: () => {
        throw new Error('no such model family');
      },
    });
    expect((await failure(throwing, 'm')).message).toBe('`myllm:m` could not be set up: no such model family');
    const returningString = aiSdkProvider({ name: 'myllm', model: () => 'gpt-4o' as never });
    expect((await failure(returningString, 'm')).message).toBe(
      '`myllm:m` could not be set up: it returned string, not an AI SDK model object',
    );
  });

  it('masks the key of `keyVariable` where an error message quotes it', async () => {
    const key = 'my-very-own-key-1234';
    const refusing = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new Error(`key ${key} was refused`);
      },
    });
    const provider = aiSdkProvider({ name: 'myllm', model: () => refusing, keyVariable: 'MYLLM_KEY' });
    const resolved = await provider.create('m', { ...options, env: { MYLLM_KEY: key } });
    if (!resolved.ok) throw new Error(resolved.error.message);
    const error = await resolved.interpreter.interpret(call, { seed: 1 }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('was refused');
    expect((error as Error).message).not.toContain(key);
  });
});

describe('combineProviders', () => {
  it('puts a provider of a built-in name in its place and adds the others after the built-in ones', () => {
    const own = (name: string) => aiSdkProvider({ name, model: () => answering('x') });
    const openai = own('openai');
    const myllm = own('myllm');
    const combined = combineProviders(builtinProviders, [myllm, openai]);
    expect(combined.map((provider) => provider.name)).toEqual([...builtinProviders.map((p) => p.name), 'myllm']);
    expect(combined.find((provider) => provider.name === 'openai')).toBe(openai);
    expect(combineProviders(builtinProviders, [])).toBe(builtinProviders);
  });
});
