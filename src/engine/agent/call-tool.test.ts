import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolCall } from '../../contracts/tool.js';
import type { ToolRuntime } from '../../contracts/tool-runtime.js';
import { runProgram } from '../run-program.js';
import { agentLimits } from './agent-limits.js';
import { sampleTools } from './agent-tools.js';
import { type AgentTool, callTool, type ToolCallOptions } from './call-tool.js';
import {
  agentProgram,
  answer,
  callsTools,
  defaultAgentSettings,
  environment,
  functionTool,
  scriptedInterpreter,
} from './testing/agent-program.js';

const options: ToolCallOptions = { timeoutMs: 30_000, clock: Date.now };

/** A tool that records the arguments it was given and echoes them. */
function echoTool(schema?: z.ZodType): AgentTool & { received: Record<string, unknown>[] } {
  const received: Record<string, unknown>[] = [];
  return {
    received,
    definition: { name: 'echo', description: 'Echo', parameters: {} },
    ...(schema ? { schema } : {}),
    run: async (args) => {
      received.push(args as Record<string, unknown>);
      return { result: args };
    },
  };
}

const call = (args: string, name = 'echo', id = 'c1'): ToolCall => ({ id, name, arguments: args });
const strict = z.strictObject({ id: z.string() });

describe('a tool call', () => {
  it('parses, checks and runs the arguments, and answers with the result as JSON', async () => {
    const tool = echoTool(strict);
    const answered = await callTool(call('{"id":"W1"}'), new Map([['echo', tool]]), 1, options);
    expect(answered.message).toEqual({ role: 'tool', content: '{"id":"W1"}', toolCallId: 'c1', toolName: 'echo' });
    expect(answered.turn).toMatchObject({ kind: 'tool', callId: 'c1', name: 'echo', arguments: { id: 'W1' } });
    expect(answered.turn.result).toEqual({ id: 'W1' });
  });

  it('refuses a 10 MB arguments text without parsing it', async () => {
    const tool = echoTool(strict);
    const huge = JSON.stringify({ id: 'x'.repeat(10 * 1024 * 1024) });
    const answered = await callTool(call(huge), new Map([['echo', tool]]), 1, options);
    expect(answered.message.isError).toBe(true);
    expect(answered.message.content).toContain(`more than the limit of ${agentLimits.maxArgumentChars}`);
    expect(tool.received).toEqual([]);
    expect(String(answered.turn.arguments).length).toBeLessThan(2000);
  });

  it('keeps __proto__ and constructor keys as plain data: refused by a strict schema, never on a prototype', async () => {
    const tool = echoTool(strict);
    const tools = new Map([['echo', tool]]);
    const proto = await callTool(call('{"__proto__":{"polluted":1},"id":"a"}'), tools, 1, options);
    expect(proto.message.isError).toBe(true);
    expect(proto.message.content).toContain('__proto__');
    const constructorKey = await callTool(
      call('{"constructor":{"prototype":{"polluted":1}},"id":"a"}'),
      tools,
      1,
      options,
    );
    expect(constructorKey.message.isError).toBe(true);
    expect(tool.received).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('hands a tool without a schema (an MCP tool) the __proto__ key as an own property of a plain object', async () => {
    const received: Record<string, unknown>[] = [];
    const runtime: ToolRuntime = {
      definitions: [{ name: 'remote', description: 'A served tool', parameters: { type: 'object' } }],
      call: async (_name, args) => {
        received.push(args as Record<string, unknown>);
        return 'done';
      },
    };
    const tools = sampleTools(
      { tools: [], mcpServers: [], settings: defaultAgentSettings },
      { state: undefined, caseId: 'c', sampleSeed: 1, runtime, runProgram: async () => ({ result: null }) },
    );
    const answered = await callTool(call('{"__proto__":{"polluted":1}}', 'remote'), tools, 1, options);
    expect(answered.message.content).toBe('done');
    const args = received[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(Object.hasOwn(args, '__proto__')).toBe(true);
    expect(args.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses JSON nested deeper than the limit before a recursive walk could overflow', async () => {
    const tool = echoTool();
    const deep = `{"id":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const answered = await callTool(call(deep), new Map([['echo', tool]]), 1, options);
    expect(answered.message.isError).toBe(true);
    expect(answered.message.content).toContain(`deeper than ${agentLimits.maxArgumentDepth} levels`);
    expect(tool.received).toEqual([]);
  });

  it('passes a path like ../../etc/passwd to the tool as the plain string it is', async () => {
    const tool = echoTool(strict);
    const answered = await callTool(call('{"id":"../../etc/passwd"}'), new Map([['echo', tool]]), 1, options);
    expect(tool.received).toEqual([{ id: '../../etc/passwd' }]);
    expect(answered.turn.result).toEqual({ id: '../../etc/passwd' });
  });

  it('answers bad JSON, a non-object, an unknown tool and wrong types with errors the model can read', async () => {
    const tools = new Map([['echo', echoTool(strict)]]);
    const badJson = await callTool(call('{"id": '), tools, 1, options);
    expect(badJson.message.content).toMatch(/^echo: the arguments are not JSON/);
    expect(badJson.turn.arguments).toBe('{"id": ');
    const array = await callTool(call('[1,2]'), tools, 1, options);
    expect(array.message.content).toBe('echo: the arguments must be a JSON object of the parameters');
    const unknown = await callTool(call('{}', 'x'.repeat(500)), tools, 1, options);
    expect(unknown.message.content).toMatch(/^unknown tool "x{80}…"; the tools are "echo"$/);
    const wrong = await callTool(call('{"id": 3}'), tools, 1, options);
    expect(wrong.message).toMatchObject({ isError: true });
    expect(wrong.message.content).toContain('echo: wrong arguments');
    expect(wrong.message.content).toContain('id');
  });

  it('answers a throw, a result that is not JSON, and cuts a huge result', async () => {
    const tool = (result: () => unknown): Map<string, AgentTool> =>
      new Map([
        [
          'echo',
          { definition: { name: 'echo', description: '', parameters: {} }, run: async () => ({ result: result() }) },
        ],
      ]);
    const thrown = await callTool(
      call('{}'),
      new Map([
        [
          'echo',
          {
            definition: { name: 'echo', description: '', parameters: {} },
            run: async () => {
              throw new Error('database is down');
            },
          },
        ],
      ]),
      1,
      options,
    );
    expect(thrown.message).toMatchObject({ content: 'echo: database is down', isError: true });
    const bigint = await callTool(
      call('{}'),
      tool(() => ({ n: 1n })),
      1,
      options,
    );
    expect(bigint.message.content).toContain("the tool's result is not JSON");
    const huge = await callTool(
      call('{}'),
      tool(() => 'y'.repeat(1_000_000)),
      1,
      options,
    );
    expect(huge.message.isError).toBeUndefined();
    expect(huge.message.content.length).toBeLessThan(agentLimits.maxResultChars + 100);
    expect(huge.message.content).toContain('cut: 1000000 characters');
    let deep: unknown = 1;
    for (let level = 0; level < 1000; level++) deep = [deep];
    const nested = await callTool(
      call('{}'),
      tool(() => deep),
      1,
      options,
    );
    expect(nested.message.isError).toBeUndefined();
    expect(nested.turn.result).toBe(nested.message.content);
  });

  it('gives up on a tool that never settles at its timeout, aborting its signal', async () => {
    let aborted: Promise<unknown> | undefined;
    const hanging: AgentTool = {
      definition: { name: 'hang', description: '', parameters: {} },
      run: (_args, { signal }) => {
        aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));
        return new Promise(() => {});
      },
    };
    const answered = await callTool(call('{}', 'hang'), new Map([['hang', hanging]]), 1, {
      timeoutMs: 20,
      clock: Date.now,
    });
    expect(answered.message).toMatchObject({ isError: true });
    expect(answered.message.content).toContain("no answer within 0.02 seconds (the tool's timeout)");
    await expect(aborted).resolves.toBeInstanceOf(Error);
  });
});

describe('the tool calls of a turn', () => {
  const source = `prog 1
program agent
prompt "Do two things."
verify length({ min: 1 })
case "c" {}
`;

  it('run concurrently and are answered in the order the model wrote them', async () => {
    let releaseFirst: () => void = () => {};
    const secondStarted = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const program = agentProgram(source, {
      tools: [
        // The first waits for the second to start: run one after the other, it would time out.
        functionTool('first', {}, async () => {
          await secondStarted;
          return 'first done';
        }),
        functionTool('second', {}, () => {
          releaseFirst();
          return 'second done';
        }),
      ],
      settings: { toolTimeoutSeconds: 60 },
    });
    const model = scriptedInterpreter((call) =>
      call.origin.agent?.turn === 0
        ? callsTools(0, [
            ['first', '{}'],
            ['second', '{}'],
          ])
        : answer('both done'),
    );
    const run = await runProgram(program, { interpreter: model });
    const turns = run.cases[0]?.samples[0]?.trace.steps[0]?.agent?.turns ?? [];
    expect(turns.map((turn) => (turn.kind === 'tool' ? [turn.name, turn.result] : turn.kind))).toEqual([
      'model',
      ['first', 'first done'],
      ['second', 'second done'],
      'model',
    ]);
    const last = model.calls.at(-1)?.messages ?? [];
    expect(last.slice(-2).map((message) => message.content)).toEqual(['first done', 'second done']);
  });

  it('go on after a tool that never settles: the sample ends with an answer', async () => {
    const program = agentProgram(source, {
      environment: environment('empty', () => ({})),
      tools: [functionTool('hang', {}, () => new Promise(() => {}))],
      settings: { toolTimeoutSeconds: 0.02 },
    });
    const model = scriptedInterpreter((call) =>
      call.origin.agent?.turn === 0 ? callsTools(0, [['hang', '{}']]) : answer('the tool did not answer'),
    );
    const run = await runProgram(program, { interpreter: model });
    const agent = run.cases[0]?.samples[0]?.trace.steps[0]?.agent;
    expect(agent?.ended).toBe('answer');
    expect(agent?.turns[1]).toMatchObject({ kind: 'tool', error: expect.stringContaining('no answer within') });
    expect(model.calls[1]?.messages.at(-1)).toMatchObject({ role: 'tool', isError: true });
  });

  it('beyond the limit per turn are answered with an error without running', async () => {
    let runs = 0;
    const program = agentProgram(source, {
      tools: [functionTool('count', {}, () => ++runs)],
    });
    const many = Array.from({ length: agentLimits.maxCallsPerTurn + 3 }, () => ['count', '{}'] as const);
    const model = scriptedInterpreter((call) => (call.origin.agent?.turn === 0 ? callsTools(0, many) : answer('done')));
    const run = await runProgram(program, { interpreter: model });
    const turns = run.cases[0]?.samples[0]?.trace.steps[0]?.agent?.turns ?? [];
    expect(runs).toBe(agentLimits.maxCallsPerTurn);
    expect(turns.filter((turn) => turn.kind === 'tool' && turn.error?.startsWith('too many tool calls'))).toHaveLength(
      3,
    );
  });
});
