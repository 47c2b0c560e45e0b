import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { afterEach } from 'vitest';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import { createNodeHttpFetch } from '../src/interpreters/ai-sdk/node-http-fetch.js';
import { closeAfterEach } from './support/close-after-each.js';
import { describeToolCallBehaviour } from './support/tool-call-behaviour.js';

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
