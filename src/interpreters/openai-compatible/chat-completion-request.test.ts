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
});
