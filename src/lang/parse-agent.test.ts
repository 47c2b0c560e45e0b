import { describe, expect, it } from 'vitest';
import type { ItemNode } from './ast.js';
import { parseProg } from './parse.js';
import { renderDiagnostic } from './render-diagnostic.js';

const header = 'prog 1\nprogram p\n';

/** The items of a program, without their places. */
function items(text: string): unknown[] {
  const result = parseProg(header + text, 'p.prog');
  expect(result.diagnostics).toEqual([]);
  return JSON.parse(
    JSON.stringify(result.document?.program.items ?? [], (key, value) => (key === 'span' ? undefined : value)),
  );
}

function kinds(text: string): ItemNode['kind'][] {
  const result = parseProg(header + text, 'p.prog');
  expect(result.diagnostics).toEqual([]);
  return result.document?.program.items.map((item) => item.kind) ?? [];
}

function rendered(text: string): string {
  const result = parseProg(header + text, 'p.prog');
  expect(result.document).toBeUndefined();
  return result.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, header + text)).join('\n');
}

describe('agent items', () => {
  it('reads tools with and without parameters', () => {
    expect(
      items(
        'tool cancel(order_id: string, reason: "a" | "b", note?: string,) "Cancel an order"\ntool ask "Ask the expert"',
      ),
    ).toEqual([
      {
        kind: 'tool',
        name: { name: 'cancel' },
        parameters: [
          { name: { name: 'order_id' }, optional: false, type: { kind: 'primitive', name: 'string' } },
          { name: { name: 'reason' }, optional: false, type: { kind: 'enum', values: ['a', 'b'] } },
          { name: { name: 'note' }, optional: true, type: { kind: 'primitive', name: 'string' } },
        ],
        description: { value: 'Cancel an order' },
      },
      { kind: 'tool', name: { name: 'ask' }, description: { value: 'Ask the expert' } },
    ]);
    expect(items('tool now() "The time"')).toEqual([
      { kind: 'tool', name: { name: 'now' }, parameters: [], description: { value: 'The time' } },
    ]);
  });

  it('reads an MCP server, an environment and the agent settings as written', () => {
    expect(
      items(
        'mcp weather { command: "node", args: ["./w.mjs"], env: { UNITS: "metric" } }\nenvironment create_store\nagent max_turns 5 tool_choice "none" parallel_tool_calls false tool_timeout 2.5 max_tokens 100',
      ),
    ).toEqual([
      {
        kind: 'mcp',
        name: { name: 'weather' },
        config: {
          kind: 'object',
          fields: [
            { name: { name: 'command' }, value: { kind: 'string', value: 'node' } },
            { name: { name: 'args' }, value: { kind: 'array', items: [{ kind: 'string', value: './w.mjs' }] } },
            {
              name: { name: 'env' },
              value: {
                kind: 'object',
                fields: [{ name: { name: 'UNITS' }, value: { kind: 'string', value: 'metric' } }],
              },
            },
          ],
        },
      },
      { kind: 'environment', name: { name: 'create_store' } },
      {
        kind: 'agent',
        settings: [
          { name: 'max_turns', value: { kind: 'number', value: 5 } },
          { name: 'tool_choice', value: { kind: 'string', value: 'none' } },
          { name: 'parallel_tool_calls', value: { kind: 'boolean', value: false } },
          { name: 'tool_timeout', value: { kind: 'number', value: 2.5 } },
          { name: 'max_tokens', value: { kind: 'number', value: 100 } },
        ],
      },
    ]);
  });

  it('reads history messages in order, and a simulated user with its settings and instructions', () => {
    expect(
      items(
        'user "Hi {{ name }}"\nassistant """\n  Hello.\n  """\nuser from "./turn.md"\nsimulate user model "sim:small" max_turns 3 stop "BYE" temperature 0.5 seed 2 "You are {{ name }}."',
      ),
    ).toEqual([
      {
        kind: 'history',
        role: 'user',
        text: {
          kind: 'inline',
          parts: [
            { kind: 'text', text: 'Hi ' },
            { kind: 'interpolation', path: ['name'] },
          ],
        },
      },
      { kind: 'history', role: 'assistant', text: { kind: 'inline', parts: [{ kind: 'text', text: 'Hello.' }] } },
      { kind: 'history', role: 'user', text: { kind: 'file', path: { value: './turn.md' } } },
      {
        kind: 'simulate-user',
        settings: [
          { name: 'model', value: 'sim:small' },
          { name: 'max_turns', value: 3 },
          { name: 'stop', value: 'BYE' },
          { name: 'temperature', value: 0.5 },
          { name: 'seed', value: 2 },
        ],
        instructions: {
          kind: 'inline',
          parts: [
            { kind: 'text', text: 'You are ' },
            { kind: 'interpolation', path: ['name'] },
            { kind: 'text', text: '.' },
          ],
        },
      },
    ]);
    expect(items('simulate user """Go."""')).toEqual([
      { kind: 'simulate-user', settings: [], instructions: { kind: 'inline', parts: [{ kind: 'text', text: 'Go.' }] } },
    ]);
  });

  it('keeps the new keywords usable as names where names were allowed', () => {
    expect(
      kinds(
        [
          'input user: string',
          'input tool: { agent: string, mcp?: number }',
          'input assistant: string = "x"',
          'step simulate = "Say {{ user }} {{ tool.agent }}"',
          'step environment = "{{ simulate }}"',
          'verify contains(user) and tool.agent == assistant and environment != simulate',
          'case "a" { user: "u", tool: { agent: "t" } } -> { user: "x" }',
        ].join('\n'),
      ),
    ).toEqual(['input', 'input', 'input', 'step', 'step', 'verify', 'case']);
    // A verify expression ends where an agent item starts on the next line.
    expect(kinds('verify contains(user)\nuser "hi"\nassistant "ho"\ntool t "d"')).toEqual([
      'verify',
      'history',
      'history',
      'tool',
    ]);
  });

  it('names the agent settings and suggests the one a misspelt word meant', () => {
    expect(rendered('agent max_turn 5\n')).toBe(
      [
        'p.prog:3:7: error P001: expected an agent setting: max_turns, tool_timeout, max_tokens, tool_choice or parallel_tool_calls, found `max_turn`',
        '  |',
        '3 | agent max_turn 5',
        '  |       ^^^^^^^^',
        '  = hint: did you mean `max_turns`?',
      ].join('\n'),
    );
    expect(rendered('agent timeout 5\n')).toContain(
      'hint: `agent` takes `max_turns`, `tool_timeout`, `max_tokens`, `tool_choice`, `parallel_tool_calls`, each followed by its value',
    );
    expect(rendered('tool t(x: string)\n')).toContain('expected a string in double quotes');
    expect(rendered('tool cancel-order "Cancel"\n')).toContain(
      'error P001: expected a name of letters, digits and `_`, found `cancel-order`',
    );
  });
});
