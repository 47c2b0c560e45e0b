import { describe, expect, it } from 'vitest';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { toChatHistory } from './to-chat-history.js';
import { readToolAnswer, toolAnswerFormat, toolTurnText } from './tool-answer.js';

const tool = {
  name: 'lookup',
  description: 'Look up',
  parameters: { type: 'object', properties: { id: { type: 'string', pattern: '^W' } }, required: ['id'] },
};
const call: InterpreterCall = {
  messages: [{ role: 'user', content: 'Where is W1?' }],
  settings: {},
  tools: [tool],
  origin: { programName: 'p', caseId: 'c' },
};

describe('toolAnswerFormat', () => {
  it('allows calls or an answer, calls only when required, one call when parallel calls are off', () => {
    const auto = toolAnswerFormat(call);
    expect(auto?.schema).toMatchObject({
      oneOf: [{ required: ['tool_calls'] }, { properties: { answer: { type: 'string' } } }],
    });
    expect(auto?.unenforced).toEqual(['pattern']);
    expect(auto?.instructions).toContain('- lookup: Look up');
    const required = toolAnswerFormat({ ...call, toolChoice: 'required', parallelToolCalls: false });
    expect(required?.schema).toMatchObject({ properties: { tool_calls: { minItems: 1, maxItems: 1 } } });
    expect(required?.instructions).not.toContain('"answer"');
    expect(toolAnswerFormat({ ...call, toolChoice: 'none' })).toBeUndefined();
    expect(toolAnswerFormat({ ...call, tools: [] })).toBeUndefined();
  });
});

describe('readToolAnswer', () => {
  it('reads calls with ids by position, an answer, and nothing from text cut short', () => {
    expect(readToolAnswer('{"tool_calls": [{"name": "lookup", "arguments": {"id": "W1"}}]}')).toEqual({
      type: 'calls',
      toolCalls: [{ id: 'call_0', name: 'lookup', arguments: '{"id":"W1"}' }],
    });
    expect(readToolAnswer('{"answer": "W1 is shipped"}')).toEqual({ type: 'answer', text: 'W1 is shipped' });
    expect(readToolAnswer('{"answer": "yes"}', true)).toEqual({ type: 'answer', text: '"yes"' });
    for (const text of ['{"tool_calls": [{"na', '[]', '{"tool_calls": []}', '{"other": 1}']) {
      expect(readToolAnswer(text)).toBeUndefined();
    }
  });
});

describe('toChatHistory with tools', () => {
  it('adds the instructions to the system prompt and writes earlier turns as the JSON the model answers in', () => {
    const history = toChatHistory(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Where is W1?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{"id"' }] },
        { role: 'tool', content: 'bad JSON', toolCallId: 'c1', toolName: 'lookup', isError: true },
        { role: 'assistant', content: 'Which order?' },
      ],
      { instructions: 'You can call these tools.' },
    );
    expect(history).toEqual([
      { type: 'system', text: 'Be brief.\n\nYou can call these tools.' },
      { type: 'user', text: 'Where is W1?' },
      { type: 'model', response: [toolTurnText('', [{ id: 'c1', name: 'lookup', arguments: '{"id"' }])] },
      { type: 'user', text: 'Error of lookup (c1): bad JSON' },
      { type: 'model', response: ['{"answer":"Which order?"}'] },
    ]);
    expect(toolTurnText('', [{ id: 'c1', name: 'lookup', arguments: '{"id"' }])).toBe(
      '{"tool_calls":[{"name":"lookup","arguments":"{\\"id\\""}]}',
    );
  });
});
