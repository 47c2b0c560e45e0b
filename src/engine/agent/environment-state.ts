import type { ReferenceAction } from '../../contracts/tool.js';
import type { EnvironmentCase } from '../../contracts/tool-function.js';
import type { AgentDeclaration } from '../../program/program.js';
import { agentLimits } from './agent-limits.js';
import { type ProgramToolRunner, sampleTools } from './agent-tools.js';
import { callTool, type ToolCallOptions } from './call-tool.js';

/**
 * The case's reference actions, when `expected` is an object whose `actions` is a list of `{ tool, arguments }`
 * (`-> { actions: [{ tool: "cancel_order", arguments: { order_id: "W1" } }] }`); undefined otherwise.
 */
export function referenceActions(expected: unknown): readonly ReferenceAction[] | undefined {
  if (typeof expected !== 'object' || expected === null || !Object.hasOwn(expected, 'actions')) return undefined;
  const actions = (expected as { actions: unknown }).actions;
  if (!Array.isArray(actions)) return undefined;
  const valid = actions.every(
    (action) =>
      typeof action === 'object' &&
      action !== null &&
      typeof action.tool === 'string' &&
      typeof action.arguments === 'object' &&
      action.arguments !== null &&
      !Array.isArray(action.arguments),
  );
  return valid ? (actions as ReferenceAction[]) : undefined;
}

/** A fresh environment state, or why it could not be made. */
export type CreatedState =
  | { readonly ok: true; readonly state: unknown }
  | { readonly ok: false; readonly error: string };

/** Creates a sample's environment from its case and seed; without an environment the state is undefined. */
export async function createState(
  agent: AgentDeclaration,
  testCase: EnvironmentCase,
  seed: number,
): Promise<CreatedState> {
  if (!agent.environment) return { ok: true, state: undefined };
  try {
    return { ok: true, state: await agent.environment.create(testCase, { seed }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `the environment ${agent.environment.name} failed: ${message}` };
  }
}

/**
 * A JSON copy of a state, as the trace keeps it; a state that is not JSON (a cycle, a BigInt) is kept as a string
 * saying why.
 */
export function snapshotState(state: unknown): unknown {
  if (state === undefined) return undefined;
  try {
    const text = JSON.stringify(state);
    return text === undefined ? null : JSON.parse(text);
  } catch (error) {
    return `the environment's state is not JSON: ${(error as Error).message}`;
  }
}

/** The expected end state, and what went wrong applying the actions (the reference's mistakes, for the author). */
export interface ExpectedState {
  readonly state: unknown;
  readonly problems: readonly string[];
}

/**
 * The state the case's reference actions leave a fresh environment in: each action applied in order through the
 * declared function tool it names, as a model's call would be (the same checks and timeout). An action of a program
 * or an MCP server's tool is passed over: those do not change the environment. An action naming no tool, or failing,
 * is a problem and leaves the state as it was.
 */
export async function expectedState(
  agent: AgentDeclaration,
  testCase: EnvironmentCase,
  seed: number,
  actions: readonly ReferenceAction[],
  options: ToolCallOptions & { readonly runProgram: ProgramToolRunner },
): Promise<ExpectedState | undefined> {
  const created = await createState(agent, testCase, seed);
  if (!created.ok) return { state: undefined, problems: [created.error] };
  // Only function tools change the state: a reference never runs a program or asks a server.
  const functionTools = agent.tools.filter((tool) => tool.implementation.kind === 'function');
  const tools = sampleTools(
    { ...agent, tools: functionTools },
    {
      state: created.state,
      caseId: testCase.id,
      sampleSeed: seed,
      runProgram: options.runProgram,
    },
  );
  const problems: string[] = [];
  const otherTools = new Set([
    ...agent.tools.filter((tool) => tool.implementation.kind !== 'function').map((tool) => tool.name),
    ...agent.mcpServers.flatMap((server) => server.tools ?? []),
  ]);
  for (const [index, action] of actions.entries()) {
    // A reference call of a program or a server's tool is part of the expected trajectory, not of the state.
    if (otherTools.has(action.tool)) continue;
    const answer = await callTool(
      { id: `reference-${index}`, name: action.tool, arguments: JSON.stringify(action.arguments) },
      tools,
      seed,
      options,
    );
    if (answer.turn.error !== undefined)
      problems.push(`expected.actions[${index}]: ${answer.turn.error.slice(0, agentLimits.maxResultChars)}`);
  }
  return { state: snapshotState(created.state), problems };
}
