import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { afterEach } from 'vitest';
import type { Interpreter } from '../src/contracts/interpreter.js';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import { createNodeHttpFetch } from '../src/interpreters/ai-sdk/node-http-fetch.js';
import {
  type ChatInterpreterSettings,
  describeChatInterpreterBehaviour,
} from './support/chat-interpreter-behaviour.js';
import { closeAfterEach } from './support/close-after-each.js';

const closedAfterTheTest = closeAfterEach(afterEach);

/** How the interpreter reaches the server: node:http (as `openai-compatible:` does), or the built-in fetch. */
type Transport = 'node:http' | 'built-in fetch';
const transports: readonly Transport[] = ['node:http', 'built-in fetch'];

/** The interpreter as `openai-compatible:` builds it, on a given base URL, without the provider's setup checks. */
function interpreterOver(transport: Transport, baseURL: string, settings: ChatInterpreterSettings = {}): Interpreter {
  const nodeHttp = transport === 'node:http' ? createNodeHttpFetch() : undefined;
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL,
    includeUsage: true,
    supportsStructuredOutputs: settings.structuredOutputs ?? true,
    ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    ...(settings.headers === undefined ? {} : { headers: { ...settings.headers } }),
    ...(nodeHttp ? { fetch: nodeHttp.fetch } : {}),
  });
  const model = settings.model ?? 'test-model';
  return closedAfterTheTest(
    createAiSdkInterpreter(provider.chatModel(model), {
      id: `openai-compatible:${model}`,
      description: 'the loopback test server',
      baseURL,
      keyVariable: 'OPENAI_COMPATIBLE_API_KEY',
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      ...(settings.now === undefined ? {} : { now: settings.now }),
      ...(nodeHttp ? { close: nodeHttp.close } : {}),
    }),
  );
}

for (const transport of transports) {
  describeChatInterpreterBehaviour(`the AI SDK interpreter on an OpenAI-compatible server, over ${transport}`, {
    interpreterAt: (baseURL, settings) => interpreterOver(transport, baseURL, settings),
    cutStreamMessage: 'sent an answer that cannot be read',
    cutAnswerKinds: ['bad-response', 'network'],
  });
}
