import { describe, expect, it } from 'vitest';
import { trajectoryCountsOf } from '../engine/tally/trajectory-counts.js';
import { agentSummary, agentTrace } from './testing/agent-run.js';

describe('the summary of an agent program', () => {
  it('reports pass^1 to pass^4 with intervals as its metrics', () => {
    const summary = agentSummary(4);
    expect(summary.metrics.map((metric) => metric.name)).toEqual([
      'pass^1',
      'pass^2',
      'pass^3',
      'pass^4',
      'suite_k@0.5',
    ]);
    // cancel-1: 4 of 4; cancel-2: 3 of 4. pass^2 of cancel-2 = C(3,2)/C(4,2) = 0.5; pass^4 = 0.
    const values = summary.metrics.slice(0, 4).map((metric) => (metric.value.defined ? metric.value.value : null));
    expect(values).toEqual([(1 + 0.75) / 2, (1 + 0.5) / 2, (1 + 0.25) / 2, (1 + 0) / 2]);
    for (const metric of summary.metrics) expect(metric.value.defined && metric.value.interval).toBeTruthy();
  });

  it('stops pass^k at the samples per case', () => {
    expect(agentSummary(2).metrics.map((metric) => metric.name)).toEqual(['pass^1', 'pass^2', 'suite_k@0.5']);
  });

  it('counts turns, tool calls, tool errors and how trajectories ended', () => {
    expect(agentSummary(4).agent).toEqual({
      samples: 8,
      turnsPerSample: 3,
      toolCallsPerSample: 2,
      toolErrorRate: 0.5,
      userTurnsPerSample: 1,
      ended: { answer: 7, 'max-turns': 1, 'max-tokens': 0, 'user-max-turns': 0, error: 0 },
    });
  });

  it('sums the counts of several agent steps and skips samples without a trajectory', () => {
    const one = agentTrace('c', 0, true);
    const step = one.steps[0];
    if (!step?.agent) throw new Error('fixture has no agent');
    const twoSteps = { ...one, steps: [step, { ...step, agent: { ...step.agent, ended: 'max-tokens' as const } }] };
    expect(trajectoryCountsOf(twoSteps)).toEqual({
      turns: 6,
      toolCalls: 4,
      toolErrors: 2,
      userTurns: 2,
      ended: 'max-tokens',
    });
    expect(trajectoryCountsOf({ ...one, steps: [{ ...step, agent: undefined }] })).toBeUndefined();
  });
});
