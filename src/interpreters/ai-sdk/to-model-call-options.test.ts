import { describe, expect, it } from 'vitest';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { parallelToolCallsOptions, toModelCallOptions, toToolInput } from './to-model-call-options.js';

const tool = { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } };
const call: InterpreterCall = {
  messages: [
    { role: 'user', content: 'Where is W1?' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{"id":"W1"}' }] },
    { role: 'tool', content: 'no such order', toolCallId: 'c1', toolName: 'lookup', isError: true },
  ],
  settings: {},
  tools: [tool],
  toolChoice: { tool: 'lookup' },
  parallelToolCalls: false,
  origin: { programName: 'p', caseId: 'c' },
};

describe('toModelCallOptions with tools', () => {
  it('offers function tools with their schemas, the choice, and one call per turn in the provider options', () => {
    const options = toModelCallOptions(call, 1, undefined, 'openai.chat');
    expect(options.tools).toEqual([
      { type: 'function', name: 'lookup', description: 'Look up', inputSchema: tool.parameters },
    ]);
    expect(options.toolChoice).toEqual({ type: 'tool', toolName: 'lookup' });
    expect(options.providerOptions).toEqual({ openai: { parallelToolCalls: false } });
    expect(options.prompt.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'lookup', input: '{"id":"W1"}' }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'lookup',
            output: { type: 'error-text', value: 'no such order' },
          },
        ],
      },
    ]);
    const none = toModelCallOptions({ ...call, tools: [] }, 1, undefined, 'openai.chat');
    expect([none.tools, none.toolChoice, none.providerOptions]).toEqual([undefined, undefined, undefined]);
  });

  it('asks each provider for one call per turn in its own words', () => {
    expect(parallelToolCallsOptions('anthropic.messages', false)).toEqual({
      anthropic: { disableParallelToolUse: true },
    });
    expect(parallelToolCallsOptions('google.generative-ai', false)).toBeUndefined();
    expect(parallelToolCallsOptions('openai-compatible.chat', true)).toEqual({
      openaiCompatible: { parallel_tool_calls: true },
    });
  });

  it('sends arguments that are not a JSON object as an empty object, as the AI SDK does', () => {
    expect(toToolInput('{"a": 1}')).toBe('{"a": 1}');
    for (const text of ['{"a"', '', '[1]', 'null', '"text"']) expect(toToolInput(text)).toEqual({});
  });
});
