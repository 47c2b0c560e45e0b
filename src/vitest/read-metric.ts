import type { MetricReference } from '../program/program.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { type CaseMetricValue, caseMetric } from '../stats/case-metric.js';
import { type MetricValue, metricName, metricValue } from '../stats/metric-value.js';

export type { CaseMetricValue } from '../stats/case-metric.js';
export type { MetricInterval, MetricNoise, MetricValue } from '../stats/metric-value.js';

/** One case's part in a metric: its counts, and the metric over the case alone as the runner computes it. */
export interface CaseReading {
  readonly caseId: string;
  /** Samples whose verifier gave a score. */
  readonly n: number;
  /** Scored samples that passed the program's `pass when` rule. */
  readonly c: number;
  /** Samples whose verifier or interpreter call failed. */
  readonly errors: number;
  /** Every sample drawn for the case. */
  readonly drawn: number;
  /** The metric over this case alone, with its 95% interval; undefined, with the reason, when the case has too few samples. */
  readonly value: CaseMetricValue;
}

/** A metric read from a program's run: its value with its 95% interval and noise, and each case's part. */
export interface MetricReading {
  readonly metric: MetricReference;
  /** As written in programs, such as `pass@5`. */
  readonly name: string;
  /** The runner's value: over every case, or over the one case named. */
  readonly value: MetricValue;
  /** The cases behind the value, in the run's order: every case, or the one named. */
  readonly cases: readonly CaseReading[];
}

/**
 * Reads a metric from a program's run, over every case or over the one case named, as `informal test` computes it
 * (`metricValue`): the value, its 95% interval and where its noise comes from; and each case's value with its own
 * interval (`caseMetric`).
 */
export function readMetric(metric: MetricReference, summary: ProgramSummary, caseId?: string): MetricReading {
  const chosen = caseId === undefined ? summary.cases : summary.cases.filter((outcomes) => outcomes.caseId === caseId);
  const cases = chosen.map(
    (outcomes): CaseReading => ({
      caseId: outcomes.caseId,
      n: outcomes.n,
      c: outcomes.c,
      errors: outcomes.errors,
      drawn: outcomes.drawn,
      value: caseMetric(metric, outcomes),
    }),
  );
  const value = metricValue(metric, summary.cases, caseId === undefined ? {} : { caseId });
  return { metric, name: metricName(metric), value, cases };
}
