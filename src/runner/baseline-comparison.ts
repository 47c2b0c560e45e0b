import { relative, resolve, sep } from 'node:path';
import { caseEstimate, caseSamplingVariance, meanScoreVariance } from '../stats/case-metric.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';
import type { MetricReference } from '../stats/metric-reference.js';
import { pairedDifference } from '../stats/paired-difference.js';
import type { BaselineComparison, MetricChange } from './baseline-change.js';
import type { BaselineCase, BaselineEntry } from './baseline-file.js';
import type { ProgramSummary } from './program-summary.js';

/** The two-sided significance level of the baseline comparison, shared among the metrics compared (Bonferroni). */
export const baselineAlpha = 0.05;

/** Whether a larger value of the metric is better. */
function higherIsBetter(metric: MetricReference): boolean {
  return metric.name !== 'attempts' && metric.name !== 'error-rate';
}

/**
 * Whether a metric can be compared with a baseline: a baseline keeps each case's counts, not its scores, so metrics
 * that need every score (max@k) or the whole suite (pass@∞) cannot be.
 */
export function comparableWithBaseline(metric: MetricReference): boolean {
  return metric.name !== 'max@k' && metric.name !== 'pass@inf';
}

/** A case's outcomes as far as a baseline's counts tell them: its scores are not kept. */
function baselineOutcomes(caseId: string, counts: BaselineCase): CaseOutcomes {
  return { caseId, n: counts.n, c: counts.c, errors: counts.errors, drawn: counts.drawn, scores: [] };
}

/** A metric of one case from a baseline's counts; undefined for metrics that cannot be compared. */
function baselineCaseValue(metric: MetricReference, caseId: string, counts: BaselineCase): number | undefined {
  if (!comparableWithBaseline(metric)) return undefined;
  if (metric.name === 'mean-score') return counts.meanScore ?? undefined;
  const estimate = caseEstimate(metric, baselineOutcomes(caseId, counts));
  return 'value' in estimate ? estimate.value : undefined;
}

/** The sampling variance of now − baseline for one case: that of the current estimate plus that of the baseline's. */
function differenceVariance(metric: MetricReference, outcomes: CaseOutcomes, counts: BaselineCase): number {
  const now = caseSamplingVariance(metric, outcomes) ?? 0;
  const before =
    metric.name === 'mean-score'
      ? meanScoreVariance(counts.meanScore, counts.n)
      : (caseSamplingVariance(metric, baselineOutcomes(outcomes.caseId, counts)) ?? now);
  return now + before;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** A program summary as a baseline entry; `folder` is where the baseline file lives. */
export function baselineEntryOf(summary: ProgramSummary, folder: string, cwd: string): BaselineEntry {
  return {
    program: summary.programName,
    interpreter: summary.interpreter,
    interpreterId: summary.run.interpreterId,
    file: relative(folder, resolve(cwd, summary.file)).split(sep).join('/'),
    programHash: summary.run.programHash,
    samplesPerCase: summary.run.samplesPerCase,
    samples: summary.samples,
    metrics: Object.fromEntries(
      summary.metrics.map((metric) => [metric.name, metric.value.defined ? round(metric.value.value) : null]),
    ),
    cases: Object.fromEntries(
      summary.cases.map((outcomes) => [
        outcomes.caseId,
        {
          n: outcomes.n,
          c: outcomes.c,
          errors: outcomes.errors,
          drawn: outcomes.drawn,
          meanScore: outcomes.meanScore === null ? null : round(outcomes.meanScore),
        },
      ]),
    ),
  };
}

/**
 * Compares a program's run with its baseline entry, metric by metric, paired over the cases both hold (Miller 2024,
 * §4): the per-case differences now − baseline, their mean, its standard error over cases (at least what the
 * cases' sampling alone implies, so that a few cases that happen to agree are not taken as certain), and a
 * two-sided z-test.
 * A change counts only when significant at `baselineAlpha` shared among the metrics compared, so that sampling
 * noise is not reported as a change. Metrics that need every score (max@k) or the whole suite (pass@∞) are not
 * compared.
 */
export function compareWithBaseline(summary: ProgramSummary, entry: BaselineEntry): BaselineComparison {
  const programChanged = entry.programHash !== summary.run.programHash;
  const common = summary.cases.filter((outcomes) => entry.cases[outcomes.caseId] !== undefined);
  const pairs: { name: string; metric: MetricReference; now: number[]; before: number[]; variances: number[] }[] = [];
  for (const { name, metric } of summary.metrics) {
    const now: number[] = [];
    const before: number[] = [];
    const variances: number[] = [];
    for (const outcomes of common) {
      const counts = entry.cases[outcomes.caseId] as BaselineCase;
      const current = caseEstimate(metric, outcomes);
      const previous = baselineCaseValue(metric, outcomes.caseId, counts);
      if (!('value' in current) || previous === undefined) break;
      now.push(current.value);
      before.push(previous);
      variances.push(differenceVariance(metric, outcomes, counts));
    }
    if (now.length === common.length && now.length >= 2) pairs.push({ name, metric, now, before, variances });
  }
  if (pairs.length === 0) {
    return {
      status: 'not-comparable',
      alpha: baselineAlpha,
      programChanged,
      changes: [],
      note:
        common.length < 2
          ? `${common.length} case${common.length === 1 ? '' : 's'} in common with the baseline; a paired comparison needs 2`
          : 'no metric can be compared case by case',
    };
  }
  const alpha = baselineAlpha / pairs.length;
  const changes = pairs.map(({ name, metric, now, before, variances }): MetricChange => {
    const paired = pairedDifference(now, before, { level: 1 - alpha, samplingVariances: variances });
    const better = higherIsBetter(metric) ? paired.estimate > 0 : paired.estimate < 0;
    const significant = paired.pValue < alpha;
    return {
      metric: name,
      baseline: before.reduce((sum, value) => sum + value, 0) / before.length,
      current: now.reduce((sum, value) => sum + value, 0) / now.length,
      difference: paired.estimate,
      lower: paired.lower,
      upper: paired.upper,
      pValue: paired.pValue,
      cases: paired.cases,
      change: significant ? (better ? 'improvement' : 'regression') : 'unchanged',
    };
  });
  return {
    status: changes.some((change) => change.change === 'regression')
      ? 'regressed'
      : changes.some((change) => change.change === 'improvement')
        ? 'improved'
        : 'unchanged',
    alpha,
    programChanged,
    changes,
  };
}
