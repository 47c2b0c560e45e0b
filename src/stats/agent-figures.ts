import type { AgentTally } from '../contracts/case-tally.js';
import type { AgentEnd } from '../contracts/trace.js';

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

/** The figures of an agent program's trajectories, from their sums; `undefined` when no sample had one. */
export function agentFigures(tally: AgentTally | undefined): AgentFigures | undefined {
  if (!tally || tally.samples === 0) return undefined;
  return {
    samples: tally.samples,
    turnsPerSample: tally.turns / tally.samples,
    toolCallsPerSample: tally.toolCalls / tally.samples,
    toolErrorRate: tally.toolCalls === 0 ? null : tally.toolErrors / tally.toolCalls,
    userTurnsPerSample: tally.userTurns / tally.samples,
    ended: { ...tally.ended },
  };
}

/** The sums of several tallies of trajectories (a run's cases); `undefined` when none has any. */
export function addAgentTallies(tallies: readonly (AgentTally | undefined)[]): AgentTally | undefined {
  let sum: AgentTally | undefined;
  for (const tally of tallies) {
    if (!tally) continue;
    if (!sum) {
      sum = { ...tally, ended: { ...tally.ended } };
      continue;
    }
    const ended = { ...sum.ended };
    for (const end of agentEnds) ended[end] += tally.ended[end];
    sum = {
      samples: sum.samples + tally.samples,
      turns: sum.turns + tally.turns,
      toolCalls: sum.toolCalls + tally.toolCalls,
      toolErrors: sum.toolErrors + tally.toolErrors,
      userTurns: sum.userTurns + tally.userTurns,
      ended,
    };
  }
  return sum;
}
