import { describe, expect, it } from 'vitest';
import { ChatCompletionStream } from './chat-completion-stream.js';

const delta = (fields: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ choices: [{ index: 0, delta: fields, finish_reason: finish }] });

/** Reads `events`, the clock moving 100 ms before each; the answer's time to its first token. */
function firstTokenMs(events: readonly string[]): number | undefined {
  let time = 0;
  const stream = new ChatCompletionStream(() => {}, { started: 0, clock: () => time });
  for (const event of events) {
    time += 100;
    expect(stream.event(event)).toBeUndefined();
  }
  const read = stream.end();
  if (!read.ok) throw new Error(read.reason);
  return read.answer.firstTokenMs;
}

describe('the time to the first token of a streamed chat completion', () => {
  it('is that of the first text, not of the role, of reasoning or of empty text', () => {
    const events = [
      delta({ role: 'assistant', content: '' }),
      delta({ reasoning_content: 'Hmm' }),
      delta({ content: null }),
      delta({ content: 'Paris' }),
      delta({ content: '.' }),
      delta({}, 'stop'),
    ];
    expect(firstTokenMs(events)).toBe(400);
  });

  it("is that of a tool call's first fragment, or of a refusal, when no text comes first", () => {
    const fragment = { index: 0, id: 'c1', type: 'function', function: { name: 'lookup', arguments: '' } };
    const calls = [delta({ role: 'assistant' }), delta({ tool_calls: [] }), delta({ tool_calls: [fragment] })];
    expect(firstTokenMs([...calls, delta({}, 'tool_calls')])).toBe(300);
    expect(firstTokenMs([delta({ role: 'assistant' }), delta({ refusal: 'No.' }), delta({}, 'stop')])).toBe(200);
  });

  it('is absent when nothing came out, or without a clock', () => {
    expect(firstTokenMs([delta({ role: 'assistant', content: '' }), delta({}, 'stop')])).toBeUndefined();
    const untimed = new ChatCompletionStream(() => {});
    untimed.event(delta({ content: 'Paris' }, 'stop'));
    const read = untimed.end();
    expect(read.ok && read.answer).toEqual({ text: 'Paris', finishReason: 'stop' });
  });
});
