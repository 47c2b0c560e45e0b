import type { ToolDefinition } from '../../contracts/tool.js';
import type { ToolRuntime } from '../../contracts/tool-runtime.js';
import type { AgentDeclaration, Program } from '../../program/program.js';
import type { AgentTool, AgentToolOutcome } from './call-tool.js';

/** Runs a program tool: the program's steps with the call's arguments as inputs, at `seed`. */
export type ProgramToolRunner = (
  program: Program,
  args: Readonly<Record<string, unknown>>,
  seed: number,
  signal: AbortSignal,
) => Promise<AgentToolOutcome>;

/** What the tools of one sample run against. */
export interface SampleToolContext {
  /** The sample's environment state, which function tools read and change. */
  readonly state: unknown;
  readonly caseId: string;
  /** The sample's seed, given to function tools. */
  readonly sampleSeed: number;
  /** Serves the tools of the program's MCP servers, when it has some. */
  readonly runtime?: ToolRuntime;
  readonly runProgram: ProgramToolRunner;
}

const offered = new WeakMap<AgentDeclaration, WeakMap<ToolRuntime | AgentDeclaration, readonly ToolDefinition[]>>();

/**
 * The tools an agent's turns offer the interpreter, in order: its declared tools, then those of its MCP servers it
 * does not declare. Computed once per declaration and runtime.
 */
export function offeredTools(agent: AgentDeclaration, runtime?: ToolRuntime): readonly ToolDefinition[] {
  let byRuntime = offered.get(agent);
  if (!byRuntime) {
    byRuntime = new WeakMap();
    offered.set(agent, byRuntime);
  }
  const found = byRuntime.get(runtime ?? agent);
  if (found) return found;
  const declared = agent.tools.map(
    (tool): ToolDefinition => ({ name: tool.name, description: tool.description, parameters: tool.jsonSchema }),
  );
  const names = new Set(declared.map((tool) => tool.name));
  const definitions = [...declared, ...(runtime?.definitions ?? []).filter((tool) => !names.has(tool.name))];
  byRuntime.set(runtime ?? agent, definitions);
  return definitions;
}

/**
 * The tools of one sample by name: each declared tool bound to the sample's state (function tools), to the engine
 * (program tools) or to the runtime (MCP tools), and the runtime's other tools, whose arguments it checks itself.
 */
export function sampleTools(agent: AgentDeclaration, context: SampleToolContext): Map<string, AgentTool> {
  const tools = new Map<string, AgentTool>();
  const { runtime } = context;
  for (const tool of agent.tools) {
    const definition: ToolDefinition = {
      name: tool.name,
      description: tool.description,
      parameters: tool.jsonSchema,
    };
    const implementation = tool.implementation;
    switch (implementation.kind) {
      case 'function':
        tools.set(tool.name, {
          definition,
          schema: tool.schema,
          run: async (args, { signal }) => ({
            result: await implementation.run(args, {
              state: context.state,
              signal,
              caseId: context.caseId,
              seed: context.sampleSeed,
            }),
          }),
        });
        break;
      case 'program':
        tools.set(tool.name, {
          definition,
          schema: tool.schema,
          run: (args, { seed, signal }) => context.runProgram(implementation.program, args, seed, signal),
        });
        break;
      case 'mcp':
        tools.set(tool.name, {
          definition,
          schema: tool.schema,
          run: async (args, { signal, seed }) => {
            if (!runtime) return { error: `${tool.name}: the MCP server "${implementation.server}" is not running` };
            return { result: await runtime.call(tool.name, args, { signal, caseId: context.caseId, seed }) };
          },
        });
        break;
      default:
        implementation satisfies never;
    }
  }
  for (const definition of runtime?.definitions ?? []) {
    if (tools.has(definition.name)) continue;
    tools.set(definition.name, {
      definition,
      run: async (args, { signal, seed }) => ({
        result: await runtime?.call(definition.name, args, { signal, caseId: context.caseId, seed }),
      }),
    });
  }
  return tools;
}
