import { relative, resolve, sep } from 'node:path';
import { type ComparedCase, compareMetric } from '../stats/metric-comparison.js';
import type { MetricReference } from '../stats/metric-reference.js';
import type { BaselineComparison, MetricChange } from './baseline-change.js';
import type { BaselineCase, BaselineEntry } from './baseline-file.js';
import type { ProgramSummary } from './program-summary.js';

/** The two-sided significance level of the baseline comparison, shared among the metrics compared (Bonferroni). */
export const baselineAlpha = 0.05;

/** Whether a larger value of the metric is better. */
function higherIsBetter(metric: MetricReference): boolean {
  return metric.name !== 'attempts' && metric.name !== 'error-rate' && metric.name !== 'suite-k';
}

/**
 * Whether a metric can be compared with a baseline: a baseline keeps each case's counts, not its scores, so metrics
 * that need every score (max@k) or the whole suite (pass@∞) cannot be.
 */
export function comparableWithBaseline(metric: MetricReference): boolean {
  return metric.name !== 'max@k' && metric.name !== 'pass@inf' && metric.name !== 'suite-k';
}

/** A case as far as a baseline's counts tell it: its scores are not kept. */
function baselineCase(caseId: string, counts: BaselineCase): ComparedCase {
  return {
    caseId,
    n: counts.n,
    c: counts.c,
    errors: counts.errors,
    drawn: counts.drawn,
    scores: [],
    meanScore: counts.meanScore,
  };
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
  const pairs = summary.cases.flatMap((outcomes) => {
    const counts = entry.cases[outcomes.caseId];
    return counts ? [[baselineCase(outcomes.caseId, counts), outcomes] as const] : [];
  });
  // Bonferroni: the level of each metric's test depends on how many can be compared at all.
  const comparable = summary.metrics.filter(
    ({ metric }) =>
      comparableWithBaseline(metric) && compareMetric(metric, pairs, 1 - baselineAlpha).difference !== undefined,
  );
  if (comparable.length === 0) {
    return {
      status: 'not-comparable',
      alpha: baselineAlpha,
      programChanged,
      changes: [],
      note:
        pairs.length < 2
          ? `${pairs.length} case${pairs.length === 1 ? '' : 's'} in common with the baseline; a paired comparison needs 2`
          : 'no metric can be compared case by case',
    };
  }
  const alpha = baselineAlpha / comparable.length;
  const changes = comparable.flatMap(({ name, metric }): MetricChange[] => {
    const { a, b, difference } = compareMetric(metric, pairs, 1 - alpha);
    if (!difference || a === null || b === null) return [];
    const better = higherIsBetter(metric) ? difference.estimate > 0 : difference.estimate < 0;
    const significant = difference.pValue < alpha;
    return [
      {
        metric: name,
        baseline: a,
        current: b,
        difference: difference.estimate,
        lower: difference.lower,
        upper: difference.upper,
        pValue: difference.pValue,
        cases: difference.cases,
        change: significant ? (better ? 'improvement' : 'regression') : 'unchanged',
      },
    ];
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
