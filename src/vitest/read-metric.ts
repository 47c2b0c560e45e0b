import { samplingWidth } from '../engine/adaptive/sampling-width.js';
import { isCountMetric, type MetricReference } from '../program/program.js';
import { type MetricValue, metricName, metricValue } from '../runner/metric-value.js';
import type { CaseSummary, ProgramSummary } from '../runner/program-summary.js';
import { maxAtK } from '../stats/max-at-k.js';
import { passAtK } from '../stats/pass-at-k.js';
import { passHatK } from '../stats/pass-hat-k.js';
import { standardError } from '../stats/standard-error.js';

/** One case's part in a metric. */
export interface CaseReading extends CaseSummary {
  /** The metric over this case alone; undefined when the case has too few scored samples for it. */
  readonly value?: number;
}

/** A 95% interval around a metric's value. */
export interface MetricInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  /**
   * `cases`: the standard error over the cases' values (how the value would move with other cases like these);
   * `samples`: over one case's samples (how it would move with other samples of that case).
   */
  readonly basis: 'cases' | 'samples';
  /** The cases, or the samples, the interval rests on. */
  readonly count: number;
}

/** A metric read from a program's run: its value, its interval when one can be had, and each case's part. */
export interface MetricReading {
  /** As written in programs, such as `pass@5`. */
  readonly name: string;
  readonly value: MetricValue;
  readonly interval?: MetricInterval;
  readonly cases: readonly CaseReading[];
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

function scoresOf(summary: ProgramSummary, caseId: string): number[] {
  const caseRun = summary.run.cases.find((run) => run.caseId === caseId);
  return (caseRun?.samples ?? []).flatMap((sample) =>
    sample.score.status === 'scored' && sample.score.value !== null ? [sample.score.value] : [],
  );
}

function caseValue(metric: MetricReference, summary: ProgramSummary, counts: CaseSummary): number | undefined {
  switch (metric.name) {
    case 'pass@k':
      return counts.n >= metric.k ? passAtK(counts.n, counts.c, metric.k) : undefined;
    case 'pass^k':
      return counts.n >= metric.k ? passHatK(counts.n, counts.c, metric.k) : undefined;
    case 'max@k': {
      const scores = scoresOf(summary, counts.caseId);
      return scores.length >= metric.k ? maxAtK(scores, metric.k) : undefined;
    }
    case 'mean-score':
      return counts.meanScore ?? undefined;
    case 'g-pass@k':
    case 'attempts':
    case 'pass@inf':
    case 'error-rate':
      return undefined;
    default:
      return metric satisfies never;
  }
}

function suiteValue(metric: MetricReference, cases: readonly CaseReading[]): MetricValue {
  if (metric.name !== 'max@k' && metric.name !== 'mean-score') return metricValue(metric, cases);
  if (cases.length === 0) return { defined: false, reason: 'no cases' };
  const short = cases.find((reading) => reading.value === undefined);
  if (short) {
    const scoredSamples = `${short.n} scored samples`;
    return {
      defined: false,
      reason:
        metric.name === 'max@k'
          ? `case "${short.caseId}" has ${scoredSamples}, fewer than k = ${metric.k}`
          : `case "${short.caseId}" has no scored samples`,
    };
  }
  return { defined: true, value: cases.reduce((sum, reading) => sum + (reading.value as number), 0) / cases.length };
}

function intervalOf(metric: MetricReference, summary: ProgramSummary, cases: readonly CaseReading[]) {
  const values = cases.map((reading) => reading.value);
  if (values.some((value) => value === undefined)) return undefined;
  if (cases.length >= 2) {
    const estimate = standardError(values as number[]);
    return {
      lower: clamp(estimate.lower),
      upper: clamp(estimate.upper),
      level: estimate.level,
      basis: 'cases' as const,
    };
  }
  const only = cases[0];
  if (!only) return undefined;
  if (isCountMetric(metric)) {
    const width = samplingWidth(metric, [only]);
    return {
      lower: clamp(width.estimate - width.width / 2),
      upper: clamp(width.estimate + width.width / 2),
      level: width.level,
      basis: 'samples' as const,
    };
  }
  const scores = scoresOf(summary, only.caseId);
  if (metric.name !== 'mean-score' || scores.length < 2) return undefined;
  const estimate = standardError(scores);
  return {
    lower: clamp(estimate.lower),
    upper: clamp(estimate.upper),
    level: estimate.level,
    basis: 'samples' as const,
  };
}

/**
 * Reads a metric from a program's run, over every case or over the one case named. The value is the mean over
 * cases of the per-case estimates, as `informal test` computes it; the interval is the 95% normal interval over the
 * cases (Miller 2024), or over one case's samples when there is a single case.
 */
export function readMetric(metric: MetricReference, summary: ProgramSummary, caseId?: string): MetricReading {
  const chosen = caseId === undefined ? summary.cases : summary.cases.filter((counts) => counts.caseId === caseId);
  const cases: CaseReading[] = chosen.map((counts) => {
    const value = caseValue(metric, summary, counts);
    return value === undefined ? counts : { ...counts, value };
  });
  const value =
    caseId !== undefined && cases.length === 0
      ? ({ defined: false, reason: `the program has no case "${caseId}"` } as const)
      : suiteValue(metric, cases);
  const interval = value.defined ? intervalOf(metric, summary, cases) : undefined;
  const count = interval?.basis === 'samples' ? (cases[0]?.n ?? 0) : cases.length;
  return { name: metricName(metric), value, cases, ...(interval ? { interval: { ...interval, count } } : {}) };
}
