import type { ToolChoice } from '../contracts/tool.js';
import type { EnvironmentFactory } from '../contracts/tool-function.js';
import type {
  AgentItem,
  EnvironmentItem,
  ItemNode,
  LiteralNode,
  McpItem,
  SimulateUserItem,
  ToolItem,
} from '../lang/ast.js';
import { suggest } from '../lang/suggest.js';
import type { AgentDeclaration, AgentSettings, EnvironmentDeclaration } from './program.js';
import { type DiagnosticSink, listNames, type ResolveContext } from './resolve-context.js';
import { resolveSimulatedUser } from './resolve-simulated-user.js';
import { type ResolvedTools, resolveTools } from './resolve-tools.js';

/** The loop's limits when `agent` does not set them. */
export const defaultAgentSettings: AgentSettings = {
  maxTurns: 20,
  toolTimeoutSeconds: 30,
  toolChoice: 'auto',
  parallelToolCalls: true,
};

/** The most model turns an agent loop may take per sample. */
const maxAgentTurns = 10_000;
/** The longest a tool call may take, in seconds: a day. */
const maxToolTimeout = 86_400;
const choices = ['auto', 'required', 'none'] as const;

/** A literal as written, for messages: `"auto"`, `20`, `true`, `[…]`. */
function shown(value: LiteralNode): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return value satisfies never;
  }
}

/** Reads `agent` settings: each given once, each value of its kind and in range. */
function resolveSettings(item: AgentItem | undefined, tools: ResolvedTools, sink: DiagnosticSink): AgentSettings {
  let settings: AgentSettings = defaultAgentSettings;
  const given = new Set<string>();
  for (const setting of item?.settings ?? []) {
    if (given.has(setting.name)) {
      sink.error('R007', `\`${setting.name}\` is given twice`, setting.span, `keep one \`${setting.name}\``);
      continue;
    }
    given.add(setting.name);
    const { value } = setting;
    const bad = (allowed: string) =>
      sink.error('R047', `the agent setting \`${setting.name}\` must be ${allowed}, got ${shown(value)}`, value.span);
    const number = value.kind === 'number' ? value.value : undefined;
    switch (setting.name) {
      case 'max_turns':
        if (number === undefined || !Number.isInteger(number) || number < 1 || number > maxAgentTurns)
          bad(`a whole number from 1 to ${maxAgentTurns} (model turns per sample; default 20)`);
        else settings = { ...settings, maxTurns: number };
        break;
      case 'tool_timeout':
        if (number === undefined || !(number > 0) || number > maxToolTimeout)
          bad(`a number of seconds above 0 and at most ${maxToolTimeout} (default 30)`);
        else settings = { ...settings, toolTimeoutSeconds: number };
        break;
      case 'max_tokens':
        if (number === undefined || !Number.isSafeInteger(number) || number < 1)
          bad('a whole number of at least 1 (tokens over all turns of a sample; no limit by default)');
        else settings = { ...settings, maxTotalTokens: number };
        break;
      case 'parallel_tool_calls':
        if (value.kind !== 'boolean') bad('`true` or `false` (default true)');
        else settings = { ...settings, parallelToolCalls: value.value };
        break;
      case 'tool_choice': {
        const allowed = `${choices.map((choice) => `"${choice}"`).join(', ')} or the name of a tool in quotes (default "auto")`;
        if (value.kind !== 'string') {
          bad(allowed);
          break;
        }
        const choice = value.value;
        if (choice === 'required' && tools.names.length === 0 && !tools.openServer) {
          sink.error(
            'R047',
            'the agent setting `tool_choice` is "required", and the program offers no tool',
            value.span,
            'declare a tool with `tool name(…) "…"` or an `mcp` server, or leave `tool_choice` out',
          );
        } else if ((choices as readonly string[]).includes(choice)) {
          settings = { ...settings, toolChoice: choice as ToolChoice };
        } else if (tools.names.includes(choice) || (tools.openServer && /^[A-Za-z0-9_-]{1,64}$/.test(choice))) {
          settings = { ...settings, toolChoice: { tool: choice } };
        } else {
          const guess = suggest(choice, [...choices, ...tools.names]);
          sink.error(
            'R047',
            `the agent setting \`tool_choice\` must be ${allowed}, got ${shown(value)}`,
            value.span,
            guess
              ? `did you mean "${guess}"?`
              : tools.names.length > 0
                ? `the tools are ${listNames(tools.names)}`
                : 'the program declares no tool',
          );
        }
        break;
      }
      default:
        setting.name satisfies never;
    }
  }
  return settings;
}

/** `environment name`: a function imported from a TypeScript module. */
function resolveEnvironment(
  item: EnvironmentItem,
  context: ResolveContext,
  sink: DiagnosticSink,
): EnvironmentDeclaration | undefined {
  const name = item.name.name;
  if (context.failedImports?.has(name)) return undefined;
  const imported = context.functions?.get(name);
  if (imported && typeof imported.value === 'function') {
    return { name, create: imported.value as EnvironmentFactory, module: imported.module, span: item.span };
  }
  if (imported || context.programs?.has(name) || context.verifiers?.has(name)) {
    sink.error(
      'R046',
      `the environment \`${name}\` is not a function of a TypeScript module`,
      item.name.span,
      "export a function `(testCase, { seed }) => state` that creates a sample's state, and import it from its .ts module",
    );
    return undefined;
  }
  const guess = suggest(name, context.functions?.keys() ?? []);
  sink.error(
    'R046',
    `the environment \`${name}\` is not imported`,
    item.name.span,
    guess ? `did you mean \`${guess}\`?` : `import it: \`import { ${name} } from "./environment.ts"\``,
  );
  return undefined;
}

/** A program's agent, resolved, and what the rest of resolving needs to know of it. */
export interface ResolvedAgent {
  readonly agent?: AgentDeclaration;
  /** The names of the declared tools (not the MCP servers'): a tool is not a verifier. */
  readonly toolNames: readonly string[];
}

/**
 * Resolves what makes a program an agent: its `tool`, `mcp`, `environment`, `agent` and `simulate user` items. A
 * program with any of them is an agent, with the default limits for those `agent` does not set.
 */
export function resolveAgent(
  items: readonly ItemNode[],
  inputNames: readonly string[],
  context: ResolveContext,
  folder: string,
  sink: DiagnosticSink,
): ResolvedAgent {
  const toolItems = items.filter((item): item is ToolItem => item.kind === 'tool');
  const mcpItems = items.filter((item): item is McpItem => item.kind === 'mcp');
  const environmentItem = items.find((item): item is EnvironmentItem => item.kind === 'environment');
  const agentItem = items.find((item): item is AgentItem => item.kind === 'agent');
  const simulateItem = items.find((item): item is SimulateUserItem => item.kind === 'simulate-user');
  const toolNames = toolItems.map((item) => item.name.name);
  if (toolItems.length + mcpItems.length === 0 && !environmentItem && !agentItem && !simulateItem) {
    return { toolNames };
  }
  const tools = resolveTools(toolItems, mcpItems, context, folder, sink);
  const environment = environmentItem ? resolveEnvironment(environmentItem, context, sink) : undefined;
  const simulatedUser = simulateItem ? resolveSimulatedUser(simulateItem, inputNames, context, sink) : undefined;
  return {
    agent: {
      tools: tools.tools,
      mcpServers: tools.mcpServers,
      ...(environment ? { environment } : {}),
      ...(simulatedUser ? { simulatedUser } : {}),
      settings: resolveSettings(agentItem, tools, sink),
    },
    toolNames,
  };
}
