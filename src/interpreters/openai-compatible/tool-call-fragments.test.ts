import { describe, expect, it } from 'vitest';
import { readChatCompletion } from './chat-completion-answer.js';
import { ChatCompletionStream } from './chat-completion-stream.js';

/** A small deterministic generator (mulberry32), so that a failure names its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A hostile JSON value of the shapes a broken or malicious server writes where tool calls go. */
function hostile(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(next() * 4) - 1;
    case 2:
      return ['', 'lookup', '__proto__', 'constructor', '{"a":', 'x'.repeat(300)][Math.floor(next() * 6)];
    case 3:
      return next() < 0.5;
    case 4:
      return 1e308 * (next() < 0.5 ? 1 : -1);
    case 5:
      return 0.5;
    case 6:
      return undefined;
    case 7:
      return Array.from({ length: Math.floor(next() * 3) }, () => hostile(next, depth + 1));
    default: {
      const keys = ['index', 'id', 'type', 'function', 'name', 'arguments', '__proto__'];
      const value: Record<string, unknown> = {};
      for (const key of keys)
        if (next() < 0.5) Object.defineProperty(value, key, { value: hostile(next, depth + 1), enumerable: true });
      return value;
    }
  }
}

describe('reading hostile tool calls', () => {
  it('never throws: every answer is read, or refused with a reason', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const next = random(seed);
      const calls = hostile(next);
      const whole = readChatCompletion(
        JSON.stringify({ choices: [{ message: { content: null, tool_calls: calls }, finish_reason: 'tool_calls' }] }),
      );
      if (!whole.ok) expect(whole.reason, `seed ${seed}`).not.toBe('');
      const stream = new ChatCompletionStream(() => {});
      let problem: unknown;
      for (let event = 0; event < 4 && problem === undefined; event++) {
        const data = JSON.stringify({
          choices: [{ index: 0, delta: { tool_calls: hostile(next) }, finish_reason: null }],
        });
        problem = stream.event(data);
      }
      stream.event(JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }));
      const streamed = stream.end();
      if (streamed.ok) {
        for (const call of streamed.answer.toolCalls ?? []) {
          expect([typeof call.id, typeof call.name, typeof call.arguments], `seed ${seed}`).toEqual([
            'string',
            'string',
            'string',
          ]);
          expect(call.name, `seed ${seed}`).not.toBe('');
        }
        const ids = (streamed.answer.toolCalls ?? []).map((call) => call.id);
        expect(new Set(ids).size, `seed ${seed}`).toBe(ids.length);
      }
    }
  });
});
