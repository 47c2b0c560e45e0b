import type { AgentEnd, StepTrace, Trace } from '../../contracts/trace.js';

/** One tool call of a trajectory as verifiers read it. */
export interface TrajectoryCall {
  /** The tool's name as the interpreter wrote it (model output: quote it before showing it). */
  readonly tool: string;
  /** The parsed arguments; the text as written when it was not JSON. */
  readonly arguments: unknown;
  /** True when the tool ran and returned a result. */
  readonly ok: boolean;
  /** Why the call failed, when it did. */
  readonly error?: string;
}

/**
 * The `trajectory` value of `verify` expressions: the last agent step of a sample, with snake_case fields as the
 * language writes them.
 */
export interface TrajectoryView {
  /** The interpreter's turns (its calls). */
  readonly turns: number;
  /** Every tool call, in the order they were answered. */
  readonly calls: readonly TrajectoryCall[];
  /** The calls that failed. */
  readonly tool_errors: number;
  /** How the trajectory ended: `answer` or the limit it hit. */
  readonly ended: AgentEnd;
  /** The environment's end state; absent without an environment. */
  readonly state?: unknown;
  /** The state the case's reference actions give; absent when the case has none. */
  readonly expected_state?: unknown;
  /** How many times the simulated user spoke. */
  readonly user_turns: number;
}

/** The trajectory of a sample, or why it has none, in words for an explanation. */
export type TrajectoryReading =
  | { readonly ok: true; readonly view: TrajectoryView }
  | { readonly ok: false; readonly problem: string };

/** The view of one agent step's trajectory. */
export function viewOfStep(step: StepTrace & { agent: NonNullable<StepTrace['agent']> }): TrajectoryView {
  const { agent } = step;
  const calls: TrajectoryCall[] = [];
  let userTurns = 0;
  for (const turn of agent.turns) {
    if (turn.kind === 'tool') {
      calls.push({
        tool: turn.name,
        arguments: turn.arguments,
        ok: turn.error === undefined,
        ...(turn.error === undefined ? {} : { error: turn.error }),
      });
    } else if (turn.kind === 'user') userTurns++;
  }
  return {
    turns: agent.modelTurns,
    calls,
    tool_errors: calls.filter((call) => !call.ok).length,
    ended: agent.ended,
    ...(agent.state === undefined ? {} : { state: agent.state }),
    ...(agent.expectedState === undefined ? {} : { expected_state: agent.expectedState }),
    user_turns: userTurns,
  };
}

/** The trajectory of the last agent step of a sample's trace, or why there is none. */
export function readTrajectory(trace: Trace): TrajectoryReading {
  const step = trace.steps.findLast((candidate) => candidate.agent !== undefined);
  if (step?.agent) return { ok: true, view: viewOfStep({ ...step, agent: step.agent }) };
  if (trace.steps.length === 0)
    return { ok: false, problem: 'the sample has no steps: it failed before its first call' };
  return {
    ok: false,
    problem: `no step of \`${trace.programName}\` ran as an agent: a trajectory needs a program with \`tool\`, \`mcp\` or \`simulate user\``,
  };
}

/** Whether a value is a trajectory view (an argument given in place of `trajectory` may be anything). */
export function isTrajectoryView(value: unknown): value is TrajectoryView {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<TrajectoryView>;
  return typeof candidate.turns === 'number' && Array.isArray(candidate.calls) && typeof candidate.ended === 'string';
}

/** The trajectory argument of a trajectory verifier, checked; throws when it is something else. */
export function trajectoryArgument(value: unknown): TrajectoryView {
  if (isTrajectoryView(value)) return value;
  throw new Error('its first argument must be `trajectory` (leave it out to read the sample’s trajectory)');
}
