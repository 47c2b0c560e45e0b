import { describe, expect, it } from 'vitest';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { toChatRequestBody } from './chat-completion-request.js';

const call: InterpreterCall = {
  messages: [{ role: 'user', content: 'Capital of France?' }],
  settings: {},
  origin: { programName: 'capitals', caseId: 'fr' },
};
const schema = { type: 'object', properties: { city: { type: 'string' } } };

describe('toChatRequestBody', () => {
  it('sends only what the call sets, with the seed, and streaming fields only when streaming', () => {
    const plain = toChatRequestBody(call, 5, false, { model: 'm', structuredOutputs: true });
    expect(plain).toEqual({
      json: '{"model":"m","messages":[{"role":"user","content":"Capital of France?"}],"seed":5}',
      warnings: [],
    });
    const streamed = toChatRequestBody({ ...call, settings: { temperature: 0, topP: 1, maxTokens: 9 } }, 6, true, {
      model: 'm',
      structuredOutputs: true,
    });
    expect(JSON.parse(streamed.json)).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Capital of France?' }],
      temperature: 0,
      top_p: 1,
      max_tokens: 9,
      seed: 6,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('asks for JSON only, with a warning naming responseFormat, when structured outputs are off', () => {
    const typed: InterpreterCall = { ...call, responseFormat: { type: 'json', schema } };
    const off = toChatRequestBody(typed, 1, false, { model: 'm', structuredOutputs: false });
    expect(JSON.parse(off.json).response_format).toEqual({ type: 'json_object' });
    expect(off.warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'responseFormat' })]);
    const on = toChatRequestBody(typed, 1, false, { model: 'm', structuredOutputs: true });
    expect(JSON.parse(on.json).response_format).toEqual({
      type: 'json_schema',
      json_schema: { schema, strict: true, name: 'response' },
    });
  });

  it('sends tools only when the call offers some, and the history of calls and results', () => {
    const tool = { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } };
    const withTools: InterpreterCall = {
      ...call,
      messages: [
        ...call.messages,
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{"x"' }] },
        { role: 'tool', content: 'bad JSON', toolCallId: 'c1', toolName: 'lookup', isError: true },
      ],
      tools: [tool],
      toolChoice: { tool: 'lookup' },
      parallelToolCalls: true,
    };
    const body = JSON.parse(toChatRequestBody(withTools, 1, false, { model: 'm', structuredOutputs: true }).json);
    expect(body.tools).toEqual([{ type: 'function', function: tool }]);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'lookup' } });
    expect(body.parallel_tool_calls).toBe(true);
    expect(body.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"x"' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'bad JSON' },
    ]);
    const none = JSON.parse(
      toChatRequestBody({ ...withTools, tools: [] }, 1, false, { model: 'm', structuredOutputs: true }).json,
    );
    expect([none.tools, none.tool_choice, none.parallel_tool_calls]).toEqual([undefined, undefined, undefined]);
  });
});
