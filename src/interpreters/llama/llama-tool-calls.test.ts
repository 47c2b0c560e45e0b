import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interpreter } from '../../contracts/interpreter.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import type { ToolDefinition } from '../../contracts/tool.js';
import { resolveInterpreter } from '../resolve-interpreter.js';
import { writeExampleModels } from './gguf/example-models.js';
import { llamaProvider } from './llama-provider.js';

// Real llama.cpp on the tiny yes/no model, one thread. The grammar decides the form of the answer; the model's
// weights, which favour " yes.", only pick among what the grammar allows.
const folder = mkdtempSync(join(tmpdir(), 'informal-llama-tools-'));
let yes: Interpreter;
beforeAll(async () => {
  writeExampleModels(folder);
  const result = await resolveInterpreter('llama:./yes.gguf', { cwd: folder, env: {}, settings: { threads: 1 } }, [
    llamaProvider,
  ]);
  if (!result.ok) throw new Error(`${result.error.message} (${result.error.hint})`);
  yes = result.interpreter;
}, 60_000);
afterAll(async () => {
  await yes?.close?.();
  rmSync(folder, { recursive: true, force: true });
});

const lookup: ToolDefinition = {
  name: 'lookup_order',
  description: 'Look up an order',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string', enum: ['W1', 'W2'] } },
    required: ['order_id'],
    additionalProperties: false,
  },
};
const cancel: ToolDefinition = {
  name: 'cancel_order',
  description: 'Cancel an order',
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string', enum: ['W1'] }, now: { type: 'boolean' } },
    required: ['order_id', 'now'],
    additionalProperties: false,
  },
};
const turn = (overrides: Partial<InterpreterCall> = {}): InterpreterCall => ({
  messages: [
    { role: 'system', content: 'You are the agent of a shop.' },
    { role: 'user', content: 'Where is my order?' },
  ],
  settings: { maxTokens: 200 },
  tools: [lookup, cancel],
  origin: { programName: 'support', caseId: 'order', agent: { turn: 0 } },
  ...overrides,
});
const seeds = Array.from({ length: 12 }, (_, index) => index * 7919 + 1);

describe('llama: tool calls under a JSON grammar', () => {
  it('calls tools with arguments that follow their schemas, one per turn when asked, the same for a seed', async () => {
    const names = new Set<string>();
    for (const seed of seeds) {
      const result = await yes.interpret(turn({ toolChoice: 'required', parallelToolCalls: false }), { seed });
      expect(result.finishReason).toBe('tool-calls');
      expect(result.text).toBe('');
      expect(result.toolCalls).toHaveLength(1);
      expect(result.warnings).toEqual([]);
      const [toolCall] = result.toolCalls ?? [];
      expect(toolCall?.id).toBe('call_0');
      names.add(toolCall?.name ?? '');
      const args = JSON.parse(toolCall?.arguments ?? '');
      if (toolCall?.name === 'lookup_order') expect(['W1', 'W2']).toContain(args.order_id);
      else expect([args.order_id, typeof args.now]).toEqual(['W1', 'boolean']);
      // The time to the first token is measured, so it differs between calls; the rest is the same for a seed.
      expect(result.firstTokenMs).toBeGreaterThanOrEqual(0);
      const { firstTokenMs: _again, ...again } = await yes.interpret(
        turn({ toolChoice: 'required', parallelToolCalls: false }),
        { seed },
      );
      const { firstTokenMs: _first, ...first } = result;
      expect(again).toEqual(first);
    }
    expect(names).toEqual(new Set(['lookup_order', 'cancel_order']));
  });

  it('calls only the named tool, and answers in text with the choice none', async () => {
    for (const seed of seeds.slice(0, 6)) {
      const named = await yes.interpret(turn({ toolChoice: { tool: 'cancel_order' } }), { seed });
      expect(named.toolCalls?.length).toBeGreaterThanOrEqual(1);
      expect(new Set(named.toolCalls?.map((toolCall) => toolCall.name))).toEqual(new Set(['cancel_order']));
      const none = await yes.interpret(turn({ toolChoice: 'none' }), { seed });
      expect(['yes.', 'no.']).toContain(none.text);
      expect(none.toolCalls).toBeUndefined();
    }
  });

  it("warns about keywords of the tools' schemas that the grammar cannot enforce", async () => {
    const patterned = {
      ...lookup,
      parameters: { type: 'object', properties: { order_id: { type: 'string', pattern: '^W' } } },
    };
    const result = await yes.interpret(turn({ tools: [patterned], toolChoice: 'required', parallelToolCalls: false }), {
      seed: 1,
    });
    expect(result.warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'tools',
        message:
          "llama.cpp's JSON grammar does not enforce `pattern` in the tools' schemas; the engine checks the arguments",
      },
    ]);
  });

  it('either calls tools or answers in the response format, and streams only the answer', async () => {
    const schema = {
      type: 'object',
      properties: { verdict: { type: 'string', enum: ['yes', 'no'] } },
      required: ['verdict'],
      additionalProperties: false,
    };
    const kinds = new Set<string>();
    for (const seed of seeds) {
      const tokens: string[] = [];
      const result = await yes.interpret(turn({ responseFormat: { type: 'json', schema } }), {
        seed,
        onToken: (text) => tokens.push(text),
      });
      if (result.toolCalls) {
        kinds.add('calls');
        expect(tokens).toEqual([]);
      } else {
        kinds.add('answer');
        expect(['yes', 'no']).toContain(JSON.parse(result.text).verdict);
        expect(tokens.join('')).toBe(result.text);
      }
    }
    expect(kinds).toEqual(new Set(['calls', 'answer']));
  });

  it('reads the calls and results of earlier turns from the history', async () => {
    const history = turn({
      toolChoice: 'required',
      parallelToolCalls: false,
      messages: [
        ...turn().messages,
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: '{"order_id":' }] },
        { role: 'tool', content: 'bad JSON', toolCallId: 'c1', toolName: 'lookup_order', isError: true },
      ],
    });
    const first = await yes.interpret(turn({ toolChoice: 'required', parallelToolCalls: false }), { seed: 3 });
    const later = await yes.interpret(history, { seed: 3 });
    expect(later.toolCalls).toHaveLength(1);
    expect(later.usage?.inputTokens).toBeGreaterThan((first.usage?.inputTokens ?? 0) + 10);
  });
});
