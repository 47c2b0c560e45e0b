import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as retail from '../examples/agents/retail.js';
import type { RetailStore } from '../examples/agents/store-types.js';

// The tasks of examples/agents/support.prog: well formed, consistent with the tools the program declares, and each
// solvable by its own reference actions, which change the shop exactly when the task asks for a change.

interface Task {
  id: string;
  instructions: string;
  expected: { actions: { tool: string; arguments: Record<string, unknown> }[]; answer: string[] };
}

const read = (name: string) => readFileSync(new URL(`../examples/agents/${name}`, import.meta.url), 'utf8');
const tasks: Task[] = read('tasks.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
const program = read('support.prog');

type Tool = (args: Record<string, unknown>, context: Parameters<typeof retail.get_order>[1]) => unknown;
const tools = Object.fromEntries(Object.entries(retail).filter(([name]) => name !== 'create_store')) as Record<
  string,
  Tool
>;
/** The tools that change the shop; the others only read it. */
const writers = new Set(['cancel_order', 'return_items', 'exchange_items', 'modify_address', 'refund_order']);

/** The `tool` lines of support.prog: each tool's parameters, and which of them are required. */
const declared = new Map(
  [...program.matchAll(/^tool (\w+)\((.*?)\) "/gm)].map(([, name, parameters]) => {
    const fields = [...(parameters ?? '').matchAll(/(\w+)(\??):/g)].map(([, field, optional]) => ({
      field: field as string,
      required: optional === '',
    }));
    return [name as string, fields] as const;
  }),
);

async function apply(task: Task, seed = 3) {
  const state: RetailStore = await retail.create_store({ id: task.id, inputs: { ...task } }, { seed });
  const results = task.expected.actions.map((action) => {
    const run = tools[action.tool];
    if (!run) throw new Error(`${task.id}: no tool ${action.tool}`);
    return run(action.arguments, { state, signal: new AbortController().signal, caseId: task.id, seed });
  });
  return { state, results };
}

describe('the tasks of support.prog', () => {
  test('are at least fifteen, with unique ids, instructions, actions and the texts the answer must mention', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(15);
    expect(new Set(tasks.map((task) => task.id)).size).toBe(tasks.length);
    for (const task of tasks) {
      expect(Object.keys(task).sort(), task.id).toEqual(['expected', 'id', 'instructions']);
      expect(task.instructions.length, task.id).toBeGreaterThan(40);
      expect(Array.isArray(task.expected.actions), task.id).toBe(true);
      expect(
        task.expected.answer.every((text) => typeof text === 'string'),
        task.id,
      ).toBe(true);
    }
  });

  test('the program reads its tasks and imports every tool it declares, each exported by retail.ts', () => {
    expect(program).toContain('cases from "./tasks.jsonl"');
    const imports = /import \{([^}]*)\} from "\.\/retail\.ts"/.exec(program)?.[1] ?? '';
    const imported = imports
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .sort();
    expect(imported).toEqual(Object.keys(retail).sort());
    expect([...declared.keys()].sort()).toEqual(Object.keys(tools).sort());
  });

  test("each action calls a declared tool with exactly the declared parameters (the engine's strict check)", () => {
    for (const task of tasks) {
      for (const action of task.expected.actions) {
        const parameters = declared.get(action.tool);
        expect(parameters, `${task.id}: ${action.tool}`).toBeDefined();
        const names = (parameters ?? []).map((parameter) => parameter.field);
        for (const key of Object.keys(action.arguments)) expect(names, `${task.id}: ${action.tool}`).toContain(key);
        for (const parameter of parameters ?? []) {
          if (parameter.required)
            expect(action.arguments, `${task.id}: ${action.tool}`).toHaveProperty(parameter.field);
        }
      }
    }
  });

  test.each(tasks.map((task) => [task.id, task] as const))(
    '%s: the reference actions succeed, and change the shop exactly when one of them writes',
    async (_id, task) => {
      const before = JSON.stringify(await retail.create_store({ id: task.id, inputs: {} }, { seed: 3 }));
      const { state, results } = await apply(task);
      const writes = task.expected.actions.some((action) => writers.has(action.tool));
      if (writes) expect(JSON.stringify(state)).not.toBe(before);
      else expect(JSON.stringify(state)).toBe(before);
      // What the answer must mention is what the tools told the agent.
      const told = JSON.stringify(results).toLowerCase();
      for (const text of task.expected.answer) expect(told).toContain(text.toLowerCase());
    },
  );

  test('cover every tool that changes the shop, and at least four refusals that must leave it as it was', () => {
    const used = new Set(tasks.flatMap((task) => task.expected.actions.map((action) => action.tool)));
    for (const writer of writers) expect(used).toContain(writer);
    const refusals = tasks.filter((task) => task.id.startsWith('refuse-'));
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    for (const task of refusals) expect(task.expected.actions, task.id).toEqual([]);
    expect(used).toContain('find_user_by_email');
  });

  test('the same reference actions give the same end state, whatever the seed', async () => {
    for (const task of tasks) {
      const one = await apply(task);
      const other = await apply(task, 12_345);
      expect(JSON.stringify(one.state)).toBe(JSON.stringify(other.state));
    }
  });
});
