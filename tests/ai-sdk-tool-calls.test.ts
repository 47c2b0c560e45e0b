import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import { createNodeHttpFetch } from '../src/interpreters/ai-sdk/node-http-fetch.js';
import { closeAfterEach } from './support/close-after-each.js';
import { describeToolCallBehaviour, toolTurn } from './support/tool-call-behaviour.js';

const closedAfterTheTest = closeAfterEach(afterEach);

describeToolCallBehaviour('the AI SDK interpreter on an OpenAI-compatible server', {
  interpreterAt: (baseURL) => {
    const nodeHttp = createNodeHttpFetch();
    const provider = createOpenAICompatible({
      name: 'openai-compatible',
      baseURL,
      includeUsage: true,
      fetch: nodeHttp.fetch,
    });
    return closedAfterTheTest(
      createAiSdkInterpreter(provider.chatModel('test-model'), {
        id: 'openai-compatible:test-model',
        description: 'the loopback test server',
        baseURL,
        close: nodeHttp.close,
      }),
    );
  },
  malformed: {
    nameless: /sent malformed tool calls: .*function.name/,
    notText: /sent malformed tool calls: .*arguments/,
    retried: false,
  },
});

// OpenAI's own provider speaks chat completions too (as `openai:` uses it): the same server scripts it.
describeToolCallBehaviour('the AI SDK interpreter on OpenAI chat completions', {
  interpreterAt: (baseURL) => {
    const nodeHttp = createNodeHttpFetch();
    const provider = createOpenAI({ baseURL, apiKey: 'sk-test', fetch: nodeHttp.fetch });
    return closedAfterTheTest(
      createAiSdkInterpreter(provider.chat('test-model'), {
        id: 'openai:test-model',
        description: 'the loopback test server',
        baseURL,
        close: nodeHttp.close,
      }),
    );
  },
  malformed: {
    nameless: /sent malformed tool calls: .*name/,
    notText: /sent malformed tool calls: .*arguments/,
    retried: false,
  },
});

const usage = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: 2, reasoning: undefined },
};

describe('the AI SDK interpreter reading tool calls of any provider', () => {
  // A provider that cannot run here (Google's API), played by the AI SDK's own test model.
  const model = new MockLanguageModelV3({
    provider: 'google.generative-ai',
    doGenerate: async () => ({
      content: [
        { type: 'text', text: 'Looking.' },
        { type: 'tool-call', toolCallId: 'g1', toolName: 'lookup_order', input: '{"order_id":"W1"}' },
        { type: 'tool-call', toolCallId: 'g2', toolName: 'web_search', input: '{}', providerExecuted: true },
      ],
      finishReason: { unified: 'tool-calls', raw: 'STOP' },
      usage,
      warnings: [],
    }),
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'tool-input-start', id: 'g1', toolName: 'lookup_order' });
          controller.enqueue({ type: 'tool-input-start', id: 'g2', toolName: 'cancel_order' });
          controller.enqueue({ type: 'tool-input-delta', id: 'g1', delta: '{"order_id":' });
          controller.enqueue({ type: 'tool-input-delta', id: 'g2', delta: '{"order_id":"W2"' });
          controller.enqueue({ type: 'tool-input-delta', id: 'g1', delta: '"W1"}' });
          controller.enqueue({ type: 'tool-input-end', id: 'g1' });
          controller.enqueue({
            type: 'tool-call',
            toolCallId: 'g1',
            toolName: 'lookup_order',
            input: '{"order_id":"W1"}',
          });
          controller.enqueue({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'STOP' }, usage });
          controller.close();
        },
      }),
    }),
  });
  const interpreter = createAiSdkInterpreter(model, { id: 'google:gemini', description: 'a stand-in' });

  it('reads the calls the client runs, and warns that one call per turn cannot be asked of this provider', async () => {
    const result = await interpreter.interpret(toolTurn({ parallelToolCalls: false }), { seed: 1 });
    expect(result.text).toBe('Looking.');
    expect(result.toolCalls).toEqual([{ id: 'g1', name: 'lookup_order', arguments: '{"order_id":"W1"}' }]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'parallelToolCalls' })]);
    expect(model.doGenerateCalls[0]?.providerOptions).toBeUndefined();
    expect(model.doGenerateCalls[0]?.tools?.map((tool) => tool.name)).toEqual(['lookup_order', 'cancel_order']);
  });

  it('assembles streamed inputs, keeping the pieces of a call whose whole input never came', async () => {
    const result = await interpreter.interpret(toolTurn(), { seed: 1, onToken: () => {} });
    expect(result.toolCalls).toEqual([
      { id: 'g1', name: 'lookup_order', arguments: '{"order_id":"W1"}' },
      { id: 'g2', name: 'cancel_order', arguments: '{"order_id":"W2"' },
    ]);
    expect(result.warnings).toEqual([]);
  });
});
