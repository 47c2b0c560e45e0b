import { StringDecoder } from 'node:string_decoder';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatCompletionStream } from '../src/interpreters/openai-compatible/chat-completion-stream.js';
import { createOpenAICompatibleInterpreter } from '../src/interpreters/openai-compatible/index.js';
import { ServerSentEvents } from '../src/interpreters/openai-compatible/server-sent-events.js';
import { closeAfterEach } from './support/close-after-each.js';
import { failure } from './support/failure.js';
import { useOpenAICompatibleServers } from './support/openai-compatible-server.js';
import { describeToolCallBehaviour, toolTurn } from './support/tool-call-behaviour.js';

const closedAfterTheTest = closeAfterEach(afterEach);
const serve = useOpenAICompatibleServers(afterEach);
const interpreterAt = (baseURL: string) =>
  closedAfterTheTest(createOpenAICompatibleInterpreter({ model: 'test-model', baseURL }));

describeToolCallBehaviour('the openai-compatible client', {
  interpreterAt,
  malformed: {
    nameless: /malformed tool calls: tool call 2 has no function name/,
    notText: /malformed tool calls: the arguments of tool call 1 \("lookup_order"\) are object, not JSON text/,
    retried: false,
  },
});

describe('the openai-compatible client reading streamed tool-call fragments', () => {
  const streamed = async (deltas: unknown[][]) => {
    const server = await serve({ failures: [{ type: 'tool-calls', calls: [], deltas }] });
    return interpreterAt(server.url).interpret(toolTurn(), { seed: 1, onToken: () => {} });
  };

  it('continues a call on fragments without an index, and gives ids to calls that have none', async () => {
    const result = await streamed([
      [{ function: { name: 'lookup_order', arguments: '{"order_id"' } }],
      [{ function: { arguments: ': "W1"}' } }],
      [{ id: 'x', function: { name: 'cancel_order', arguments: '{}' } }],
      [{ index: 2, id: 'x', function: { name: 'lookup_order', arguments: '{}' } }],
    ]);
    expect(result.toolCalls).toEqual([
      { id: 'call_0', name: 'lookup_order', arguments: '{"order_id": "W1"}' },
      { id: 'x', name: 'cancel_order', arguments: '{}' },
      { id: 'call_2', name: 'lookup_order', arguments: '{}' },
    ]);
  });

  it('refuses an index out of order, a name that changes, and a fragment that is not an object', async () => {
    const cases: [unknown[][], string][] = [
      [[[{ index: 1, id: 'a', function: { name: 'lookup_order' } }]], 'the index 1 before any of index 0'],
      [[[{ index: -1, function: { name: 'lookup_order' } }]], 'the index -1, not a count from 0'],
      [
        [[{ index: 0, function: { name: 'lookup_order' } }], [{ index: 0, function: { name: 'cancel_order' } }]],
        'changes its name from "lookup_order" to "cancel_order"',
      ],
      [[['lookup_order']], 'fragment is not an object'],
      [[[{ index: 0, type: 'custom', function: { name: 'x' } }]], 'has type "custom", not "function"'],
    ];
    for (const [deltas, words] of cases) {
      const error = await failure(streamed(deltas));
      expect(error.message).toContain(words);
      expect([error.kind, error.isRetryable]).toEqual(['bad-response', false]);
    }
  });
});

describe('the openai-compatible client reading a streamed tool-call answer split at any byte', () => {
  it('assembles the same calls and text at every split of the bytes the server sent', async () => {
    const calls = [
      { id: 'call_a', name: 'lookup_order', arguments: '{"order_id":"W1 — Zürich ✓"}' },
      { id: 'call_b', name: 'cancel_order', arguments: '{"order_id":"W2","reason":"no longer needed"}' },
    ];
    const server = await serve({ failures: [{ type: 'tool-calls', calls, text: 'Ça marche…', interleave: true }] });
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test-model', messages: [], stream: true }),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(server.chatCount).toBe(1);
    // The pipeline of the client: bytes decoded as UTF-8, split into events, read as chunks.
    for (let split = 0; split <= bytes.length; split++) {
      const decoder = new StringDecoder('utf8');
      const events = new ServerSentEvents();
      const tokens: string[] = [];
      const stream = new ChatCompletionStream((token) => tokens.push(token));
      const onData = (data: string) => stream.event(data) === undefined;
      for (const piece of [bytes.subarray(0, split), bytes.subarray(split)]) events.push(decoder.write(piece), onData);
      events.push(decoder.end(), onData);
      const read = stream.end();
      expect(read.ok && read.answer).toEqual({ text: 'Ça marche…', toolCalls: calls, finishReason: 'tool-calls' });
      expect(tokens.join('')).toBe('Ça marche…');
    }
  });
});

describe('the openai-compatible client and credentials in tool calls', () => {
  it('masks the key where a server echoes it into the arguments of a call', async () => {
    const key = 'plain-key-0451';
    const echoed = { id: 'c1', name: 'lookup_order', arguments: `{"order_id":"W1","token":"${key}"}` };
    const server = await serve({ apiKey: key, failures: [{ type: 'tool-calls', calls: [echoed] }] });
    const interpreter = closedAfterTheTest(
      createOpenAICompatibleInterpreter({ model: 'test-model', baseURL: server.url, apiKey: key }),
    );
    const result = await interpreter.interpret(toolTurn(), { seed: 1 });
    expect(result.toolCalls).toEqual([{ ...echoed, arguments: '{"order_id":"W1","token":"***"}' }]);
  });
});
