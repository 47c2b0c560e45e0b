import type { MetricReference, Program } from '../program/program.js';
import { metricName } from '../stats/metric-value.js';

/** The largest k of pass^k an agent program's summary reports by default. */
const agentPassHatK = 4;

/**
 * The metrics a program's summary reports, by name, in order: pass@1 (for an agent, pass^1 to pass^4, as far as
 * its samples per case reach: whether it succeeds every time is the question for an agent), then `suite_k@0.5`, then the metric of each
 * `expect` line over the whole suite. These are the metrics compared with the baseline.
 */
export function reportedMetrics(program: Program): Map<string, MetricReference> {
  const metrics = new Map<string, MetricReference>(
    program.agent
      ? Array.from({ length: Math.max(1, Math.min(agentPassHatK, program.sampling.samples)) }, (_, index) => [
          `pass^${index + 1}`,
          { name: 'pass^k', k: index + 1 },
        ])
      : [['pass@1', { name: 'pass@k', k: 1 }]],
  );
  // The attempts per case that solve the whole suite, half the time: the suite's scalar of K.
  metrics.set('suite_k@0.5', { name: 'suite-k', quantile: 0.5 });
  for (const expectation of program.expectations) {
    if (expectation.caseId === undefined) metrics.set(metricName(expectation.metric), expectation.metric);
  }
  return metrics;
}
