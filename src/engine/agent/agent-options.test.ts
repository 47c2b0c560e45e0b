import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolRuntime, ToolRuntimeContext } from '../../contracts/tool-runtime.js';
import { runProgram } from '../run-program.js';
import {
  agentProgram,
  answer,
  callsTools,
  environment,
  functionTool,
  scriptedInterpreter,
} from './testing/agent-program.js';

const source = (expected = '') => `prog 1
program agent
prompt "Work."
verify length({ min: 1 })
case "c" {}${expected}
`;

describe('an agent run', () => {
  it('offers the tools of a runtime (MCP servers) after its own and calls them with the sample and a signal', async () => {
    const seen: { name: string; args: unknown; context: ToolRuntimeContext }[] = [];
    const runtime: ToolRuntime = {
      definitions: [{ name: 'forecast', description: 'The weather', parameters: { type: 'object' } }],
      call: async (name, args, context) => {
        seen.push({ name, args, context });
        return { sky: 'clear' };
      },
    };
    const program = agentProgram(source(), { tools: [functionTool('note', { text: z.string() }, () => 'noted')] });
    const model = scriptedInterpreter((call) =>
      call.origin.agent?.turn === 0 ? callsTools(0, [['forecast', '{"city":"Oslo"}']]) : answer('Clear skies.'),
    );
    const run = await runProgram(program, { interpreter: model, tools: runtime });
    expect(model.calls[0]?.tools?.map((tool) => tool.name)).toEqual(['note', 'forecast']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.name).toBe('forecast');
    expect(seen[0]?.args).toEqual({ city: 'Oslo' });
    expect(seen[0]?.context.caseId).toBe('c');
    expect(seen[0]?.context.signal.aborted).toBe(false);
    expect(run.cases[0]?.samples[0]?.trace.steps[0]?.agent?.turns[1]).toMatchObject({ result: { sky: 'clear' } });
  });

  it('runs the calls of a turn one after another when parallel_tool_calls is false', async () => {
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} starts`);
      await Promise.resolve();
      order.push(`${name} ends`);
      return name;
    };
    const program = agentProgram(source(), {
      tools: [functionTool('a', {}, slow('a')), functionTool('b', {}, slow('b'))],
      settings: { parallelToolCalls: false },
    });
    const model = scriptedInterpreter((call) =>
      call.origin.agent?.turn === 0
        ? callsTools(0, [
            ['a', '{}'],
            ['b', '{}'],
          ])
        : answer('done'),
    );
    await runProgram(program, { interpreter: model });
    expect(model.calls[0]?.parallelToolCalls).toBe(false);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('warns of reference actions that fail, and keeps the state the others leave', async () => {
    const program = agentProgram(
      source(
        ' -> { actions: [{ tool: "add", arguments: { by: 2 } }, { tool: "missing", arguments: {} }, { tool: "add", arguments: { by: "x" } }] }',
      ),
      {
        environment: environment('counter', () => ({ count: 0 })),
        tools: [
          functionTool('add', { by: z.number() }, (args, { state }) => {
            (state as { count: number }).count += args.by as number;
            return 'ok';
          }),
        ],
      },
    );
    const run = await runProgram(program, { interpreter: scriptedInterpreter(() => answer('nothing to do')) });
    const step = run.cases[0]?.samples[0]?.trace.steps[0];
    expect(step?.agent?.state).toEqual({ count: 0 });
    expect(step?.agent?.expectedState).toEqual({ count: 2 });
    expect(step?.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/^expected\.actions\[1\]: unknown tool "missing"/),
      expect.stringMatching(/^expected\.actions\[2\]: add: wrong arguments/),
    ]);
  });

  it("starts the program's MCP servers once for the run and closes them at its end", async () => {
    const started: string[][] = [];
    let closed = 0;
    const program = agentProgram(source(), {});
    const withServers = {
      ...program,
      agent: {
        ...(program.agent as NonNullable<typeof program.agent>),
        mcpServers: [
          { name: 'weather', command: 'node', args: ['server.mjs'], env: {}, cwd: '.', span: { start: 0, end: 0 } },
        ],
      },
    };
    const model = scriptedInterpreter((call) =>
      call.origin.agent?.turn === 0 ? callsTools(0, [['forecast', '{}']]) : answer('Clear.'),
    );
    const run = await runProgram(withServers, {
      interpreter: model,
      startTools: async (servers) => {
        started.push(servers.map((server) => server.name));
        return {
          definitions: [{ name: 'forecast', description: 'The weather', parameters: { type: 'object' } }],
          call: async () => 'clear',
          close: async () => {
            closed++;
          },
        };
      },
    });
    expect(started).toEqual([['weather']]);
    expect(closed).toBe(1);
    expect(run.cases[0]?.samples[0]?.trace.steps[0]?.agent?.turns[1]).toMatchObject({ result: 'clear' });

    const failed = await runProgram(withServers, {
      interpreter: model,
      startTools: async () => {
        throw new Error('spawn node ENOENT');
      },
    });
    const step = failed.cases[0]?.samples[0]?.trace.steps[0];
    expect(step?.error?.message).toBe('the MCP servers could not be started: spawn node ENOENT');
    expect(step?.agent?.ended).toBe('error');
  });
});
