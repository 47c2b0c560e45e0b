import { afterEach, describe, expect, it } from 'vitest';
import type { Interpreter } from '../../src/contracts/interpreter.js';
import type { InterpreterCall } from '../../src/contracts/interpreter-call.js';
import type { ToolDefinition } from '../../src/contracts/tool.js';
import { callPaths, interpretOn } from './call-paths.js';
import { failure } from './failure.js';
import { type ChatCompletionRequest, useOpenAICompatibleServers } from './openai-compatible-server.js';

/** What a test file gives the shared suite about the interpreter it tests. */
export interface ToolCallBehaviourSetup {
  /** Builds the interpreter under test on a server's base URL; the test file closes it after each test. */
  readonly interpreterAt: (baseURL: string) => Interpreter;
  /**
   * Words the message of an answer whose tool calls are malformed contains, and whether such an answer is
   * retried. The project's client reads the calls itself and says which is wrong; the AI SDK checks the answer's
   * shape and says that it cannot be read.
   */
  readonly malformed: { readonly nameless: RegExp; readonly notText: RegExp; readonly retried: boolean };
}

/** The tools of a small shop, as an agent is shown them. */
export const shopTools: readonly ToolDefinition[] = [
  {
    name: 'lookup_order',
    description: 'Look up an order by its id',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string' } },
      required: ['order_id'],
      additionalProperties: false,
    },
  },
  {
    name: 'cancel_order',
    description: 'Cancel a pending order',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string' }, reason: { type: 'string', enum: ['no longer needed'] } },
      required: ['order_id', 'reason'],
      additionalProperties: false,
    },
  },
];

/** A turn of a shop agent, offered the shop's tools; `overrides` replace whole fields. */
export const toolTurn = (overrides: Partial<InterpreterCall> = {}): InterpreterCall => ({
  messages: [
    { role: 'system', content: 'You are the agent of a shop.' },
    { role: 'user', content: 'Where are my orders W1 and W2?' },
  ],
  settings: { temperature: 0 },
  tools: shopTools,
  origin: { programName: 'support', caseId: 'orders', agent: { turn: 0 } },
  ...overrides,
});

const firstLookup = { id: 'call_a', name: 'lookup_order', arguments: '{"order_id": "W1"}' };
const lookups = [
  firstLookup,
  { id: 'call_b', name: 'lookup_order', arguments: '{"order_id":"W2 — Zürich ✓","note":"\\u00e9\\n"}' },
];

/** The messages of a request that a test compares, without fields the interpreters may or may not send. */
const sentMessages = (request: ChatCompletionRequest | undefined) => request?.messages ?? [];

/**
 * The tool-call behaviour every chat interpreter on an OpenAI-compatible server shares, against the loopback test
 * server: what it sends (tools, tool choice, parallel calls, the history of calls and results) and what it reads
 * (single and parallel calls, whole or streamed in pieces, arguments passed through as written, malformed calls,
 * failures during a tool turn), on both call paths. The server counts the calls.
 */
export function describeToolCallBehaviour(name: string, setup: ToolCallBehaviourSetup): void {
  const serve = useOpenAICompatibleServers(afterEach);

  describe.each(callPaths)(`${name}: tool calls, $path`, ({ streams }) => {
    const interpret = interpretOn(streams);

    it('offers the tools with the tool choice and reads one call with its id, name and arguments', async () => {
      const server = await serve({ failures: [{ type: 'tool-calls', calls: [firstLookup] }] });
      const tokens: string[] = [];
      const result = await interpret(
        setup.interpreterAt(server.url),
        toolTurn({ toolChoice: 'required' }),
        { seed: 1 },
        tokens,
      );
      expect(result.toolCalls).toEqual([firstLookup]);
      expect(result.finishReason).toBe('tool-calls');
      expect(result.text).toBe('');
      expect(tokens).toEqual([]);
      expect(server.chatCount).toBe(1);
      const [request] = server.chatRequests();
      expect(request?.tools).toEqual(
        shopTools.map((tool) =>
          expect.objectContaining({
            type: 'function',
            function: expect.objectContaining({
              name: tool.name,
              description: tool.description,
              parameters: tool.parameters,
            }),
          }),
        ),
      );
      expect(request?.tool_choice).toBe('required');
    });

    it('reads parallel calls in order, their fragments interleaved in a stream, after some text', async () => {
      const server = await serve({
        failures: [{ type: 'tool-calls', calls: lookups, text: 'Let me look.', interleave: true }],
      });
      const tokens: string[] = [];
      const result = await interpret(setup.interpreterAt(server.url), toolTurn(), { seed: 1 }, tokens);
      expect(result.toolCalls).toEqual(lookups);
      expect(result.text).toBe('Let me look.');
      expect(result.finishReason).toBe('tool-calls');
      if (streams) expect(tokens.join('')).toBe('Let me look.');
      expect(server.chatCount).toBe(1);
    });

    it('passes arguments through as the model wrote them, even when they are not JSON', async () => {
      const written = ['{"order_id": "W1"', '', '[1, 2]', '{"__proto__": {"admin": true}}', 'not json at all'];
      const server = await serve({
        failures: [
          {
            type: 'tool-calls',
            calls: written.map((text, index) => ({ id: `c${index}`, name: 'lookup_order', arguments: text })),
          },
        ],
      });
      const result = await interpret(setup.interpreterAt(server.url), toolTurn(), { seed: 1 });
      expect(result.toolCalls?.map((call) => call.arguments)).toEqual(written);
      expect(result.toolCalls?.map((call) => call.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    });

    it('sends the calls made and their results back in the history', async () => {
      const server = await serve();
      const call = toolTurn({
        messages: [
          ...toolTurn().messages,
          { role: 'assistant', content: '', toolCalls: lookups },
          { role: 'tool', content: '{"status":"shipped"}', toolCallId: 'call_a', toolName: 'lookup_order' },
          {
            role: 'tool',
            content: 'order W2 does not exist',
            toolCallId: 'call_b',
            toolName: 'lookup_order',
            isError: true,
          },
        ],
      });
      const result = await interpret(setup.interpreterAt(server.url), call, { seed: 1 });
      expect(result.text).toBe('ok');
      expect(result.toolCalls ?? []).toEqual([]);
      const [, , assistant, first, second] = sentMessages(server.chatRequests()[0]);
      expect(assistant).toMatchObject({
        role: 'assistant',
        tool_calls: lookups.map((lookup) => ({
          id: lookup.id,
          type: 'function',
          function: { name: lookup.name, arguments: lookup.arguments },
        })),
      });
      expect(first).toMatchObject({ role: 'tool', tool_call_id: 'call_a', content: '{"status":"shipped"}' });
      expect(second).toMatchObject({ role: 'tool', tool_call_id: 'call_b', content: 'order W2 does not exist' });
    });

    it('asks for one named tool, or none, and for one call per turn', async () => {
      const server = await serve();
      const interpreter = setup.interpreterAt(server.url);
      await interpret(interpreter, toolTurn({ toolChoice: { tool: 'cancel_order' }, parallelToolCalls: false }), {
        seed: 1,
      });
      await interpret(interpreter, toolTurn({ toolChoice: 'none' }), { seed: 2 });
      await interpret(interpreter, toolTurn({ tools: [] }), { seed: 3 });
      const [named, none, without] = server.chatRequests();
      expect(named?.tool_choice).toEqual({ type: 'function', function: { name: 'cancel_order' } });
      expect(named?.parallel_tool_calls).toBe(false);
      expect(none?.tool_choice).toBe('none');
      expect(without?.tools).toBeUndefined();
      expect(without?.tool_choice).toBeUndefined();
      expect(without?.parallel_tool_calls).toBeUndefined();
    });

    it('fails, without a retry, on a call that has no name', async () => {
      const server = await serve({
        failures: [{ type: 'tool-calls', calls: [firstLookup, { id: 'c2', arguments: '{"order_id":"W2"}' }] }],
      });
      const error = await failure(interpret(setup.interpreterAt(server.url), toolTurn(), { seed: 1 }));
      expect(error.kind).toBe('bad-response');
      expect(error.isRetryable).toBe(setup.malformed.retried);
      expect(error.message).toMatch(setup.malformed.nameless);
      expect(server.chatCount).toBe(1);
    });

    it('fails on arguments that are not text', async () => {
      const server = await serve({
        failures: [{ type: 'tool-calls', calls: [{ id: 'c1', name: 'lookup_order', arguments: { order_id: 'W1' } }] }],
      });
      const error = await failure(interpret(setup.interpreterAt(server.url), toolTurn(), { seed: 1 }));
      expect(error.kind).toBe('bad-response');
      expect(error.isRetryable).toBe(setup.malformed.retried);
      expect(error.message).toMatch(setup.malformed.notText);
    });

    it('reports a rate limit with its Retry-After and a server error in a tool turn, then reads the calls', async () => {
      const server = await serve({
        failures: [
          { type: 'status', status: 429, headers: { 'retry-after': '2' } },
          { type: 'status', status: 503 },
          { type: 'bad-json' },
          { type: 'tool-calls', calls: lookups },
        ],
      });
      const interpreter = setup.interpreterAt(server.url);
      const limited = await failure(interpret(interpreter, toolTurn(), { seed: 1 }));
      expect([limited.kind, limited.isRetryable, limited.retryAfterMs]).toEqual(['rate-limit', true, 2000]);
      const failed = await failure(interpret(interpreter, toolTurn(), { seed: 1 }));
      expect([failed.kind, failed.isRetryable, failed.statusCode]).toEqual(['server', true, 503]);
      const unreadable = await failure(interpret(interpreter, toolTurn(), { seed: 1 }));
      expect([unreadable.kind, unreadable.isRetryable]).toEqual(['bad-response', true]);
      const result = await interpret(interpreter, toolTurn(), { seed: 1 });
      expect(result.toolCalls).toEqual(lookups);
      expect(server.chatCount).toBe(4);
    });
  });

  describe(`${name}: streamed tool calls`, () => {
    it('assembles calls from a stream written one byte at a time', async () => {
      const server = await serve({
        failures: [{ type: 'tool-calls', calls: lookups, text: 'Zürich… ✓', interleave: true, bytewise: true }],
      });
      const tokens: string[] = [];
      const result = await setup
        .interpreterAt(server.url)
        .interpret(toolTurn(), { seed: 1, onToken: (token) => tokens.push(token) });
      expect(result.toolCalls).toEqual(lookups);
      expect(tokens.join('')).toBe('Zürich… ✓');
      expect(server.chatCount).toBe(1);
    });
  });
}
