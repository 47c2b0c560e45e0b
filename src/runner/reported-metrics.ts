import type { MetricReference, Program } from '../program/program.js';
import { metricName } from '../stats/metric-value.js';

/**
 * The metrics a program's summary reports, by name, in order: pass@1, then the metric of each `expect` line over
 * the whole suite. These are the metrics compared with the baseline.
 */
export function reportedMetrics(program: Program): Map<string, MetricReference> {
  const metrics = new Map<string, MetricReference>([['pass@1', { name: 'pass@k', k: 1 }]]);
  for (const expectation of program.expectations) {
    if (expectation.caseId === undefined) metrics.set(metricName(expectation.metric), expectation.metric);
  }
  return metrics;
}
