import type { Trace } from '../../contracts/trace.js';
import type { TrajectoryCounts } from '../../stats/agent-figures.js';

/** The counts of a sample's agent steps, summed over them; `undefined` when no step ran as an agent. */
export function trajectoryCountsOf(trace: Trace): TrajectoryCounts | undefined {
  let counts: TrajectoryCounts | undefined;
  for (const step of trace.steps) {
    const agent = step.agent;
    if (!agent) continue;
    let toolCalls = 0;
    let toolErrors = 0;
    let userTurns = 0;
    for (const turn of agent.turns) {
      if (turn.kind === 'tool') {
        toolCalls++;
        if (turn.error !== undefined) toolErrors++;
      } else if (turn.kind === 'user') userTurns++;
    }
    counts = {
      turns: (counts?.turns ?? 0) + agent.modelTurns,
      toolCalls: (counts?.toolCalls ?? 0) + toolCalls,
      toolErrors: (counts?.toolErrors ?? 0) + toolErrors,
      userTurns: (counts?.userTurns ?? 0) + userTurns,
      ended: agent.ended,
    };
  }
  return counts;
}
