import { type AgentFigures, agentEnds } from '../stats/agent-figures.js';

/** A share as a percentage with one decimal: `12.5%`. */
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The tool-call error rate in words: `12.5%`, or `no calls`. */
export function describeToolErrorRate(figures: AgentFigures): string {
  return figures.toolErrorRate === null ? 'no calls' : percent(figures.toolErrorRate);
}

/** How trajectories ended, the ends that occurred: `answer 7, max-turns 1`. */
export function describeEnds(figures: AgentFigures): string {
  return agentEnds
    .filter((end) => figures.ended[end] > 0)
    .map((end) => `${end} ${figures.ended[end]}`)
    .join(', ');
}

/**
 * An agent program's figures on one line: `3.0 turns · 2.0 tool calls per sample · tool errors 50.0% · ended answer 7,
 * max-turns 1`.
 */
export function describeAgentFigures(figures: AgentFigures): string {
  const user = figures.userTurnsPerSample > 0 ? ` · ${figures.userTurnsPerSample.toFixed(1)} user turns` : '';
  return `${figures.turnsPerSample.toFixed(1)} turns · ${figures.toolCallsPerSample.toFixed(1)} tool calls${user} per sample · tool errors ${describeToolErrorRate(figures)} · ended ${describeEnds(figures)}`;
}
