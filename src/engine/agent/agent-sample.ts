import type { ReferenceAction } from '../../contracts/tool.js';
import type { EnvironmentCase } from '../../contracts/tool-function.js';
import type { ToolRuntime } from '../../contracts/tool-runtime.js';
import type { AgentDeclaration } from '../../program/program.js';
import { type ProgramToolRunner, sampleTools } from './agent-tools.js';
import type { AgentTool } from './call-tool.js';
import {
  createState,
  type ExpectedState,
  expectedState,
  referenceActions,
  snapshotState,
} from './environment-state.js';

/**
 * One sample's world for its agent steps: its environment (created fresh from the case and the sample's seed), its
 * tools bound to it, and the case's reference actions; or why the environment could not be created.
 */
export type AgentSample =
  | {
      readonly ok: true;
      readonly tools: ReadonlyMap<string, AgentTool>;
      /** The case's `expected.actions`, shown to the interpreter's origin and applied for the expected state. */
      readonly actions?: readonly ReferenceAction[];
      /** A JSON copy of the state as it is now. */
      snapshot(): unknown;
      /** The state the reference actions lead to, computed once per sample; undefined without actions. */
      expectedState(): Promise<ExpectedState | undefined>;
    }
  | { readonly ok: false; readonly error: string };

/** What preparing a sample's environment needs. */
export interface AgentSampleOptions {
  readonly runtime?: ToolRuntime;
  readonly runProgram: ProgramToolRunner;
  readonly toolTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly clock: () => number;
}

/** Creates a sample's environment and binds its tools; the expected state is made only when asked for. */
export async function prepareAgentSample(
  agent: AgentDeclaration,
  testCase: EnvironmentCase,
  sampleSeed: number,
  options: AgentSampleOptions,
): Promise<AgentSample> {
  const created = await createState(agent, testCase, sampleSeed);
  if (!created.ok) return created;
  const { state } = created;
  const tools = sampleTools(agent, {
    state,
    caseId: testCase.id,
    sampleSeed,
    ...(options.runtime ? { runtime: options.runtime } : {}),
    runProgram: options.runProgram,
  });
  const actions = referenceActions(testCase.expected);
  let expected: Promise<ExpectedState | undefined> | undefined;
  return {
    ok: true,
    tools,
    ...(actions ? { actions } : {}),
    snapshot: () => snapshotState(state),
    expectedState: () => {
      expected ??=
        actions && agent.environment
          ? expectedState(agent, testCase, sampleSeed, actions, {
              timeoutMs: options.toolTimeoutMs,
              ...(options.signal ? { signal: options.signal } : {}),
              clock: options.clock,
              runProgram: options.runProgram,
            })
          : Promise.resolve(undefined);
      return expected;
    },
  };
}
