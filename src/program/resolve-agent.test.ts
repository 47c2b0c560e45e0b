import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../tests/support/run-cli.js';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { compileProgram, loadProgram } from './load-program.js';
import type { ResolveContext } from './resolve-context.js';

const retailModule = `
export function lookup_order(args, { state }) {
  return state.orders[args.order_id] ?? { error: 'no such order' };
}
export function cancel_order(args, { state }) {
  state.orders[args.order_id].status = 'cancelled';
  return 'cancelled';
}
export function create_store(testCase, { seed }) {
  return { seed, orders: { W1: { status: 'pending' } } };
}
export const not_a_function = 42;
`;

const billingProgram = `prog 1
program billing_expert "Answers billing questions"
input question: string
input tone: "plain" | "warm" = "plain"
prompt "Answer in a {{ tone }} tone: {{ question }}"
verify contains("bill")
case "a" { question: "Why was I billed twice?" }
`;

const supportProgram = `prog 1
import { lookup_order, cancel_order, create_store } from "./retail.ts"
import { billing_expert } from "./billing.prog"

program support "Retail support agent"
  model "sim:large"
  input instructions: string
  environment create_store
  tool lookup_order(order_id: string) "Look up an order by its id"
  tool cancel_order(order_id: string, reason: "no longer needed" | "ordered by mistake", note?: string) "Cancel a pending order"
  tool billing_expert "Ask the billing expert"
  mcp weather { command: "node", args: ["./weather-server.mjs"], tools: ["forecast"], env: { UNITS: "metric" } }
  agent max_turns 12 tool_timeout 2.5 max_tokens 50000 tool_choice "required" parallel_tool_calls false
  system """You are a support agent of a shop."""
  user """Where is order #W1?"""
  assistant """Let me look it up."""
  simulate user model "sim:small" max_turns 6 stop "DONE" temperature 0 seed 3 """You are a customer. {{ instructions }}"""
  verify contains(expected.answer)
  case "cancel-1" { instructions: "Cancel order W1, ordered by mistake." } -> { actions: [{ tool: "cancel_order", arguments: { order_id: "W1", reason: "ordered by mistake" } }], answer: "cancelled" }
  sample 8
  expect pass^4 >= 0.2
`;

describe('agents in programs', () => {
  it('loads a full agent program: tools from a module and a program, an MCP server, an environment, settings, history and a simulated user', async () => {
    const folder = tempFolder({
      'retail.ts': retailModule,
      'billing.prog': billingProgram,
      'support.prog': supportProgram,
    });
    const loaded = await loadProgram('support.prog', folder);
    expect(loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, loaded.source))).toEqual([]);
    const program = loaded.program;
    const agent = program?.agent;
    if (!program || !agent) throw new Error('expected an agent program');

    expect(agent.tools.map((tool) => [tool.name, tool.description, tool.implementation.kind])).toEqual([
      ['lookup_order', 'Look up an order by its id', 'function'],
      ['cancel_order', 'Cancel a pending order', 'function'],
      ['billing_expert', 'Ask the billing expert', 'program'],
    ]);
    const cancel = agent.tools[1];
    expect(cancel?.jsonSchema).toEqual({
      type: 'object',
      properties: {
        order_id: { type: 'string' },
        reason: { type: 'string', enum: ['no longer needed', 'ordered by mistake'] },
        note: { type: 'string' },
      },
      required: ['order_id', 'reason'],
      additionalProperties: false,
    });
    expect(cancel?.schema.safeParse({ order_id: 'W1', reason: 'ordered by mistake' }).success).toBe(true);
    expect(cancel?.schema.safeParse({ order_id: 'W1', reason: 'ordered by mistake', extra: 1 }).success).toBe(false);
    expect(cancel?.schema.safeParse({ order_id: 'W1', reason: 'bored' }).success).toBe(false);
    expect(
      cancel?.schema.safeParse(JSON.parse('{"order_id":"W1","reason":"ordered by mistake","__proto__":{"x":1}}'))
        .success,
    ).toBe(false);
    const implementation = cancel?.implementation;
    if (implementation?.kind !== 'function') throw new Error('expected a function tool');
    expect(implementation.module).toBe(join(folder, 'retail.ts'));
    const state = { orders: { W1: { status: 'pending' } } };
    expect(
      implementation.run({ order_id: 'W1' }, { state, signal: new AbortController().signal, caseId: 'c', seed: 1 }),
    ).toBe('cancelled');
    expect(state.orders.W1.status).toBe('cancelled');

    const billing = agent.tools[2];
    expect(billing?.parameters.map((parameter) => parameter.name)).toEqual(['question', 'tone']);
    expect(billing?.jsonSchema.required).toEqual(['question']);
    expect(billing?.implementation.kind === 'program' && billing.implementation.program.name).toBe('billing_expert');

    expect(agent.mcpServers).toEqual([
      {
        name: 'weather',
        command: 'node',
        args: ['./weather-server.mjs'],
        env: { UNITS: 'metric' },
        cwd: folder,
        tools: ['forecast'],
        span: expect.any(Object),
      },
    ]);
    expect(agent.environment?.name).toBe('create_store');
    expect(await agent.environment?.create({ id: 'c', inputs: {} }, { seed: 7 })).toEqual({
      seed: 7,
      orders: { W1: { status: 'pending' } },
    });
    expect(agent.settings).toEqual({
      maxTurns: 12,
      toolTimeoutSeconds: 2.5,
      maxTotalTokens: 50000,
      toolChoice: 'required',
      parallelToolCalls: false,
    });
    expect(agent.simulatedUser).toMatchObject({
      interpreter: 'sim:small',
      maxTurns: 6,
      stop: 'DONE',
      settings: { temperature: 0 },
      seed: 3,
      instructions: [
        { kind: 'text', text: 'You are a customer. ' },
        { kind: 'interpolation', path: ['instructions'] },
      ],
    });
    // No `prompt`: the main step's messages are the system message and the history, in order.
    expect(program.steps.map((step) => step.name)).toEqual(['main']);
    expect(program.messages.map((message) => [message.role, message.parts])).toEqual([
      ['system', [{ kind: 'text', text: 'You are a support agent of a shop.' }]],
      ['user', [{ kind: 'text', text: 'Where is order #W1?' }]],
      ['assistant', [{ kind: 'text', text: 'Let me look it up.' }]],
    ]);
  });

  it('hashes what the interpreter sees of the agent, not the implementations', async () => {
    const hashOf = async (program: string, module = retailModule) => {
      const folder = tempFolder({ 'retail.ts': module, 'billing.prog': billingProgram, 'support.prog': program });
      const loaded = await loadProgram('support.prog', folder);
      expect(loaded.diagnostics).toEqual([]);
      return loaded.program?.hash;
    };
    const base = await hashOf(supportProgram);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashOf(supportProgram, `${retailModule}\nexport const unused = 1;`)).toBe(base);
    expect(await hashOf(supportProgram.replace('expect pass^4 >= 0.2', 'expect pass^4 >= 0.5'))).toBe(base);
    for (const [from, to] of [
      ['Look up an order by its id', 'Find an order'],
      ['lookup_order(order_id: string)', 'lookup_order(order_id: string, verbose?: boolean)'],
      ['max_turns 12', 'max_turns 13'],
      ['Let me look it up.', 'One moment.'],
      ['stop "DONE"', 'stop "END"'],
      ['model "sim:small"', 'model "sim:medium"'],
      ['You are a customer.', 'You are a client.'],
      ['tools: ["forecast"]', 'tools: ["forecast", "alerts"]'],
    ] as const) {
      expect(await hashOf(supportProgram.replace(from, to)), `${from} → ${to}`).not.toBe(base);
    }
  });

  it('keeps the history in order before each prompt, and leaves programs without agent items alone', () => {
    const source = `prog 1
program p
input word: string
system "Be brief."
user "Say {{ word }} twice."
assistant "{{ word }} {{ word }}"
prompt "Say {{ word }} three times."
verify contains(expected)
case "a" { word: "hi" } -> "hi"
`;
    const { program, diagnostics } = compileProgram(source, 'p.prog');
    expect(diagnostics).toEqual([]);
    expect(program?.agent).toBeUndefined();
    expect(program?.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const plain = compileProgram(source.replace(/^(user|assistant) .*\n/gm, ''), 'p.prog').program;
    expect(plain?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(plain?.hash).not.toBe(program?.hash);
  });

  it('gives the default settings to a program with a tool and no `agent` line', () => {
    const context: ResolveContext = {
      functions: new Map([['echo', { value: (args: { text: string }) => args.text, module: '/m.ts' }]]),
    };
    const { program, diagnostics } = compileProgram(
      `prog 1
import { echo } from "./m.ts"
program p
tool echo(text: string) "Repeat the text"
prompt "Echo hi"
verify contains("hi")
case "a" { }
`,
      'p.prog',
      context,
    );
    expect(diagnostics).toEqual([]);
    expect(program?.agent?.settings).toEqual({
      maxTurns: 20,
      toolTimeoutSeconds: 30,
      toolChoice: 'auto',
      parallelToolCalls: true,
    });
    expect(program?.agent?.tools[0]?.jsonSchema).toEqual({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    });
  });
});

describe('modules of tools and verifiers', () => {
  // A module in a temporary folder imports the built package by URL, as it would by name in a project.
  const informalUrl = new URL('dist/index.js', `file://${repoRoot}`).href;
  const mixedModule = `import { defineVerifier } from ${JSON.stringify(informalUrl)};
export const polite = defineVerifier({ args: [], score: (context) => String(context.output).includes('please') });
export function lookup(args) { return 'found ' + args.id; }
`;

  it('takes tools and verifiers from one module, and names a missing tool export', async () => {
    const program = (tools: string) => `prog 1
import { polite, ${tools} } from "./m.ts"
program p
tool ${tools}(id: string) "Find"
prompt "Find it, please"
verify polite
case "a" { }
`;
    const folder = tempFolder({ 'm.ts': mixedModule, 'good.prog': program('lookup'), 'bad.prog': program('lokup') });
    const good = await loadProgram('good.prog', folder);
    expect(good.diagnostics).toEqual([]);
    expect(good.program?.verifiers.has('polite')).toBe(true);
    expect(good.program?.agent?.tools.map((tool) => [tool.name, tool.implementation.kind])).toEqual([
      ['lookup', 'function'],
    ]);
    const bad = await loadProgram('bad.prog', folder);
    expect(
      bad.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message} | ${diagnostic.hint}`),
    ).toEqual(['R031 "./m.ts" has no export `lokup` | did you mean `lookup`?']);
  });
});

describe('agent diagnostics', () => {
  const context: ResolveContext = {
    functions: new Map<string, { value: unknown; module: string }>([
      ['lookup', { value: () => 'found', module: '/m.ts' }],
      ['setup', { value: () => ({}), module: '/m.ts' }],
      ['count', { value: 3, module: '/m.ts' }],
    ]),
  };
  const messages = (body: string): string[] => {
    const source = `prog 1\nimport { lookup, setup, count } from "./m.ts"\nprogram p\ninput task: string\n${body}\nverify contains("x")\ncase "a" { task: "t" }\n`;
    const loaded = compileProgram(source, 'p.prog', context);
    return loaded.diagnostics.map(
      (diagnostic) => `${diagnostic.code} ${diagnostic.message}${diagnostic.hint ? ` | ${diagnostic.hint}` : ''}`,
    );
  };

  it('refuses tools without an implementation, declared twice, or not functions', () => {
    expect(
      messages(
        'tool lokup "Find"\ntool lookup "Find"\ntool lookup "Again"\ntool count "Count"\ntool cancel "Cancel"\nprompt "{{ task }}"',
      ),
    ).toEqual([
      'R041 the tool `lokup` has no implementation | did you mean `lookup`?',
      'R042 the tool `lookup` is declared twice | keep one `tool` line for it',
      'R043 the import `count` is not a function, so it cannot be a tool | export a function `(args, { state, signal }) => result` under this name',
      'R041 the tool `cancel` has no implementation | import it: `import { cancel } from "./tools.ts"` (a function) or from a .prog file (a program)',
    ]);
  });

  it('checks MCP servers: the command, the lists, unknown fields, and tools also declared', () => {
    expect(
      messages(
        [
          'mcp a { comand: "node" }',
          'mcp b { command: 3, args: "x", env: { K: 1 }, tools: [] }',
          'mcp c { command: "node", tools: ["lookup", "f"] }',
          'mcp d { command: "node", tools: ["f"] }',
          'mcp c { command: "node" }',
          'tool lookup "Find"',
          'tool f "F"',
          'prompt "{{ task }}"',
        ].join('\n'),
      ),
    ).toEqual([
      'R045 `mcp a` has no field `comand` | did you mean `command`?',
      'R045 the `command` of `mcp b` must be a string: the program to start',
      'R045 the `args` of `mcp b` must be a list of strings: the arguments of the command, such as `["./server.mjs"]`',
      "R045 the `tools` of `mcp b` lists no tool | leave `tools` out to offer all the server's tools",
      'R045 the `env` of `mcp b` must be an object of strings: the variables added to the server\'s environment | such as `env: { UNITS: "metric" }`',
      'R042 the tool `f` is listed by the MCP servers `c` and `d` | a tool name means one tool: list it under one server',
      'R042 the MCP server `c` is declared twice | give each its own name',
      "R042 the tool `lookup` is imported and also listed by the MCP server `c` | a tool name means one tool: rename the import, or remove it from the server's `tools`",
      "W002 the tool `f` is served by the MCP server `d`: this line is not needed | its description and parameters are the server's; remove this line",
    ]);
  });

  it('checks each agent setting, with its allowed values', () => {
    expect(
      messages(
        'tool lookup "Find"\nagent max_turns 0 tool_timeout -1 max_tokens 1.5 tool_choice "lokup" parallel_tool_calls "yes"\nprompt "{{ task }}"',
      ),
    ).toEqual([
      'R047 the agent setting `max_turns` must be a whole number from 1 to 10000 (model turns per sample; default 20), got 0',
      'R047 the agent setting `tool_timeout` must be a number of seconds above 0 and at most 86400 (default 30), got -1',
      'R047 the agent setting `max_tokens` must be a whole number of at least 1 (tokens over all turns of a sample; no limit by default), got 1.5',
      'R047 the agent setting `tool_choice` must be "auto", "required", "none" or the name of a tool in quotes (default "auto"), got "lokup" | did you mean "lookup"?',
      'R047 the agent setting `parallel_tool_calls` must be `true` or `false` (default true), got "yes"',
    ]);
    expect(
      messages('tool lookup "Find"\nagent max_turns 3 max_turns 4\nagent tool_choice "lookup"\nprompt "x"'),
    ).toEqual(
      ['`agent` is given twice', '`max_turns` is given twice'].map(
        (message, index) =>
          `R007 ${message} | keep one \`${index === 0 ? 'agent' : 'max_turns'}\`${index === 0 ? ' line' : ''}`,
      ),
    );
  });

  it('refuses a required tool choice when there is no tool', () => {
    expect(messages('agent tool_choice "required"\nprompt "x"')).toEqual([
      'R047 the agent setting `tool_choice` is "required", and the program offers no tool | declare a tool with `tool name(…) "…"` or an `mcp` server, or leave `tool_choice` out',
    ]);
    expect(messages('mcp all { command: "node" }\nagent tool_choice "required"\nprompt "x"')).toEqual([]);
  });

  it('checks the environment and the simulated user', () => {
    expect(
      messages(
        'environment count\nsimulate user max_turns 0 stop "" top_p 2 """Do {{ tsk }}"""\nprompt "{{ task }}"\nstep more = "again"',
      ),
    ).toEqual([
      "R046 the environment `count` is not a function of a TypeScript module | export a function `(testCase, { seed }) => state` that creates a sample's state, and import it from its .ts module",
      "R048 the simulated user's `max_turns` must be a whole number from 1 to 1000, got 0 | how many times the user may speak; the default is 10",
      'R048 the simulated user\'s `stop` must hold some text | the user ends the conversation by saying it; the default is `stop "###STOP###"`',
      'R019 `top_p` must be between 0 and 1',
      'R001 unknown input `tsk` in the instructions of the simulated user | did you mean `task`?',
      'R050 a program with a simulated user has no `prompt`: the simulated user speaks first | remove it; put what the user should ask in the instructions of `simulate user`',
      'R050 a program with a simulated user has no `step`: the simulated user speaks first | remove it; put what the user should ask in the instructions of `simulate user`',
    ]);
    expect(messages('environment setpu\nprompt "x"')).toEqual([
      'R046 the environment `setpu` is not imported | did you mean `setup`?',
    ]);
  });

  it('refuses a tool called as a verifier, and checks history templates', () => {
    const source = `prog 1\nimport { lookup } from "./m.ts"\nprogram p\ninput task: string\ntool lookup "Find"\nuser "{{ tsak }}"\nprompt "x"\nverify lookup("x") and lookup\ncase "a" { task: "t" }\n`;
    const loaded = compileProgram(source, 'p.prog', context);
    expect(loaded.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`)).toEqual([
      'R001 unknown input `tsak` in the `user` message',
      'R049 `lookup` is a tool, not a verifier',
      'R049 `lookup` is a tool, not a verifier',
    ]);
  });
});
