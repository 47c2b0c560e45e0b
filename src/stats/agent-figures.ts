import type { AgentEnd } from '../contracts/trace.js';
import { mean } from './sample-moments.js';

/** What one sample's trajectories came to: the counts agent figures are computed from. */
export interface TrajectoryCounts {
  /** The interpreter's turns over the sample's agent steps. */
  readonly turns: number;
  readonly toolCalls: number;
  /** Tool calls that failed. */
  readonly toolErrors: number;
  /** Messages of the simulated user. */
  readonly userTurns: number;
  /** How the sample's last trajectory ended. */
  readonly ended: AgentEnd;
}

/** Every way a trajectory can end, in the order reports list them. */
export const agentEnds: readonly AgentEnd[] = ['answer', 'max-turns', 'max-tokens', 'user-max-turns', 'error'];

/** An agent program's figures over its samples: how long its trajectories were, how its tools fared, how they ended. */
export interface AgentFigures {
  /** The samples that have a trajectory. */
  readonly samples: number;
  /** The mean number of the interpreter's turns per sample. */
  readonly turnsPerSample: number;
  /** The mean number of tool calls per sample. */
  readonly toolCallsPerSample: number;
  /** The share of tool calls that failed; `null` when no tool was called. */
  readonly toolErrorRate: number | null;
  /** The mean number of the simulated user's messages per sample. */
  readonly userTurnsPerSample: number;
  /** How many trajectories ended each way: `answer`, or the limit hit, or `error`. */
  readonly ended: Readonly<Record<AgentEnd, number>>;
}

/** The figures of a list of samples' trajectory counts; `undefined` when the list is empty. */
export function agentFigures(samples: readonly TrajectoryCounts[]): AgentFigures | undefined {
  if (samples.length === 0) return undefined;
  const ended = Object.fromEntries(agentEnds.map((end) => [end, 0])) as Record<AgentEnd, number>;
  for (const sample of samples) ended[sample.ended]++;
  const toolCalls = samples.reduce((sum, sample) => sum + sample.toolCalls, 0);
  const toolErrors = samples.reduce((sum, sample) => sum + sample.toolErrors, 0);
  return {
    samples: samples.length,
    turnsPerSample: mean(samples.map((sample) => sample.turns)),
    toolCallsPerSample: toolCalls / samples.length,
    toolErrorRate: toolCalls === 0 ? null : toolErrors / toolCalls,
    userTurnsPerSample: mean(samples.map((sample) => sample.userTurns)),
    ended,
  };
}
