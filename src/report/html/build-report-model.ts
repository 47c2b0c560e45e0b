import type { Score } from '../../contracts/score.js';
import type { StepTrace } from '../../contracts/trace.js';
import type { InterpreterComparison } from '../../runner/compare-interpreters.js';
import type { ExpectationResult, ProgramSummary } from '../../runner/program-summary.js';
import { crossover } from '../../stats/crossover.js';
import { logSpacedKs } from '../../stats/extrapolation/observed-curve.js';
import type { Interval } from '../../stats/interval.js';
import { kTable } from '../../stats/k-table.js';
import type { MetricReference } from '../../stats/metric-reference.js';
import type { SuiteKResult } from '../../stats/suite-k/suite-k.js';
import { describeAgentFigures } from '../describe-agent-figures.js';
import { describeJudge } from '../describe-judge.js';
import { describeSequentialDecision, describeSequentialRun } from '../describe-sequential.js';
import {
  describeChange,
  describeComparison,
  describeCostToSuccess,
  describeFailure,
  describeInterpreterComparison,
} from '../describe-significance.js';
import { describeSuiteKComparison, suiteKMeanFigures } from '../describe-suite-k.js';
import { formatMetricInterval, formatMetricValue } from '../format-metric-value.js';
import { outputText } from '../output-text.js';
import type {
  PassAtKCurve,
  ReportCase,
  ReportCrossover,
  ReportExpectation,
  ReportModel,
  ReportProgram,
  ReportSample,
  ReportStep,
} from './report-model.js';
import { reportSpend } from './report-spend.js';
import { reportTrajectory } from './report-trajectory.js';

/** Options of `buildReportModel`. */
export interface BuildReportModelOptions {
  readonly title: string;
  readonly toolVersion: string;
  readonly runIds: readonly string[];
  readonly status: string;
  readonly notes?: readonly string[];
  /** The time of the report; now by default. */
  readonly now?: number;
  /** The largest k on the curves' axis; 10^4 by default. */
  readonly kMax?: number;
  /** Samples kept per case in the trace viewer; 50 by default. */
  readonly samplesPerCase?: number;
  /** The level of every interval; 0.9 by default. */
  readonly level?: number;
  /**
   * Programs whose expectations were not checked (read back from a store without their file): their status is
   * `unchecked` rather than passed or failed.
   */
  readonly unchecked?: ReadonlySet<ProgramSummary>;
  /** The runner's comparisons of a program's interpreters (`SuiteResult.interpreterComparisons`); none by default. */
  readonly interpreterComparisons?: readonly InterpreterComparison[];
}

/** The ks of a curve: log-spaced up to the smallest n (observed), then up to kMax (extrapolated). */
function curveKs(minimumN: number, kMax: number): number[] {
  const observed = logSpacedKs(minimumN, Math.min(minimumN, 12));
  if (!observed.includes(minimumN)) observed.push(minimumN);
  const beyond = kMax > minimumN ? logSpacedKs(kMax, 30).filter((k) => k > minimumN) : [];
  return [...observed, ...beyond];
}

function passAtKCurve(
  summary: ProgramSummary,
  kMax: number,
  level: number,
): { curve?: PassAtKCurve; problem?: string } {
  const counts = summary.cases.filter((caseSummary) => caseSummary.n > 0);
  if (counts.length === 0) return { problem: 'no case has a scored sample' };
  if (counts.length < summary.cases.length) {
    return { problem: `${summary.cases.length - counts.length} cases have no scored sample` };
  }
  const minimumN = Math.min(...counts.map((counts) => counts.n));
  try {
    const table = kTable(counts, curveKs(minimumN, kMax), { level });
    return {
      curve: {
        level,
        minimumN,
        points: table.rows
          .filter((row) => Number.isFinite(row.passAtK.estimate))
          .map((row) => ({ k: row.k, ...row.passAtK })),
        passAtInfinity: table.passAtInfinity,
        method: table.method,
      },
    };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** The scores of a run's samples in tenths, with those unscored and failed: from the cases' tallies, or their samples. */
function histogram(cases: ProgramSummary['run']['cases']) {
  const bins = Array.from({ length: 10 }, () => 0);
  let unscored = 0;
  let errors = 0;
  const scores: Score[] = [];
  for (const caseRun of cases) {
    const { tally } = caseRun;
    if (!tally) {
      for (const sample of caseRun.samples) scores.push(sample.score);
      continue;
    }
    tally.scoreBins.forEach((count, bin) => {
      bins[bin] = (bins[bin] as number) + count;
    });
    unscored += tally.drawn - tally.n - tally.errors;
    errors += tally.errors;
  }
  for (const score of scores) {
    if (score.status === 'error') errors++;
    else if (score.status === 'unscored' || score.value === null) unscored++;
    else {
      const bin = Math.min(9, Math.floor(score.value * 10));
      bins[bin] = (bins[bin] as number) + 1;
    }
  }
  return { bins, unscored, errors };
}

function reportCases(summary: ProgramSummary, keep: number): ReportCase[] {
  return summary.cases.map((caseSummary) => {
    const samples = summary.run.cases.find((run) => run.caseId === caseSummary.caseId)?.samples ?? [];
    // Failed and errored samples first: they are what a reader opens the trace viewer for.
    const ordered = [...samples.filter((sample) => !sample.success), ...samples.filter((sample) => sample.success)];
    const kept = ordered
      .slice(0, keep)
      .sort((left, right) => left.index - right.index)
      .map(
        (sample): ReportSample => ({
          index: sample.index,
          seed: sample.seed,
          success: sample.success,
          score: sample.score,
          output: outputText(sample.output),
          steps: reportSteps(sample.trace.steps),
        }),
      );
    return {
      id: caseSummary.caseId,
      n: caseSummary.n,
      c: caseSummary.c,
      errors: caseSummary.errors,
      meanScore: caseSummary.meanScore,
      passAt1: caseSummary.n > 0 ? caseSummary.c / caseSummary.n : null,
      samples: kept,
      samplesOmitted: samples.length - kept.length,
    };
  });
}

/** Crossovers between every two interpreters that ran the same program on the same cases. */
function crossovers(summaries: readonly ProgramSummary[], kMax: number, level: number): ReportCrossover[] {
  const found: ReportCrossover[] = [];
  const byName = new Map<string, ProgramSummary[]>();
  for (const summary of summaries)
    byName.set(summary.programName, [...(byName.get(summary.programName) ?? []), summary]);
  for (const [program, runs] of byName) {
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const a = runs[i] as ProgramSummary;
        const b = runs[j] as ProgramSummary;
        if (a.run.interpreterId === b.run.interpreterId) continue;
        const casesA = [...a.cases].sort((x, y) => x.caseId.localeCompare(y.caseId));
        const casesB = [...b.cases].sort((x, y) => x.caseId.localeCompare(y.caseId));
        const entry = { program, a: a.run.interpreterId, b: b.run.interpreterId };
        if (casesA.map((x) => x.caseId).join('\u0000') !== casesB.map((x) => x.caseId).join('\u0000')) {
          found.push({ ...entry, result: { status: 'unavailable', reason: 'the two runs have different cases' } });
          continue;
        }
        try {
          found.push({ ...entry, result: crossover(casesA, casesB, { kMax, level }) });
        } catch (error) {
          found.push({ ...entry, result: { status: 'unavailable', reason: (error as Error).message } });
        }
      }
    }
  }
  return found;
}

const intervalOf = (interval: Interval): Interval => ({
  lower: interval.lower,
  upper: interval.upper,
  level: interval.level,
});

/** An expectation as the page shows it: the runner's interval, and for a failure, its significance in words. */
/** An interval in its metric's unit, with its level: `95% [$0.0021, $0.0034]`. */
const intervalText = (metric: MetricReference, interval: Interval) =>
  `${Math.round(interval.level * 100)}% ${formatMetricInterval(metric, interval.lower, interval.upper)}`;

/** The suite's capped mean of attempts as a row of the page's metrics (Infinity is never one: it is capped). */
function suiteKMeanMetric(result: SuiteKResult) {
  const { label, value, interval } = suiteKMeanFigures(result);
  const { cappedMean, level } = result;
  return {
    name: label,
    value: cappedMean.estimate,
    text: value,
    interval: { lower: cappedMean.lower, upper: cappedMean.upper, level },
    intervalText: `${Math.round(level * 100)}% ${interval}`,
  };
}

function reportExpectation(expectation: ExpectationResult): ReportExpectation {
  const { observed } = expectation;
  const verdict = expectation.met ? undefined : describeFailure(expectation);
  return {
    text: expectation.text,
    ...(expectation.caseId !== undefined ? { caseId: expectation.caseId } : {}),
    met: expectation.met,
    observed: observed.defined ? observed.value : null,
    ...(observed.defined ? {} : { reason: observed.reason }),
    ...(observed.defined && observed.interval ? { interval: intervalOf(observed.interval) } : {}),
    ...(observed.defined
      ? {
          observedText: `${formatMetricValue(expectation.metric, observed.value)}${observed.interval ? ` ${intervalText(expectation.metric, observed.interval)}` : ''}`,
        }
      : {}),
    ...(verdict && expectation.significance
      ? { significance: { verdict: expectation.significance.verdict, text: verdict } }
      : {}),
    ...(expectation.sequential
      ? {
          sequential: {
            decision: expectation.sequential.decision,
            text: describeSequentialDecision(expectation) ?? '',
          },
        }
      : {}),
    location: expectation.location,
  };
}

/**
 * A trace's steps for the viewer, in order, with the steps of each called program after its call step, named by
 * their path (`facts › extract_facts › main`).
 */
function reportSteps(steps: readonly StepTrace[], prefix = ''): ReportStep[] {
  return steps.flatMap((step) => {
    const name = `${prefix}${step.name}`;
    const own: ReportStep = {
      name,
      messages: step.messages,
      text: step.text,
      ...(step.error ? { error: step.error.message } : {}),
      ...(step.agent ? { agent: reportTrajectory(step.agent) } : {}),
    };
    const nested = (step.children ?? []).flatMap((child) =>
      reportSteps(child.steps, `${name} › ${child.programName} › `),
    );
    return [own, ...nested];
  });
}

/**
 * Computes everything the HTML report draws from programs' summaries: curves with intervals (observed, then
 * extrapolated) and pass@∞, score histograms, crossovers, the per-case table and the traces. Pure apart from the
 * default time.
 */
export function buildReportModel(summaries: readonly ProgramSummary[], options: BuildReportModelOptions): ReportModel {
  const kMax = options.kMax ?? 10_000;
  const level = options.level ?? 0.9;
  const keep = options.samplesPerCase ?? 50;
  const programs = summaries.map((summary, index): ReportProgram => {
    const { curve, problem } = passAtKCurve(summary, kMax, level);
    return {
      key: `p${index}`,
      name: summary.programName,
      file: summary.file,
      ...(summary.description !== undefined ? { description: summary.description } : {}),
      interpreter: summary.run.interpreterId,
      interpreterDescription: summary.run.interpreterDescription,
      samplesPerCase: summary.run.samplesPerCase,
      seed: summary.run.baseSeed,
      status: options.unchecked?.has(summary) ? 'unchecked' : summary.status,
      samples: summary.samples,
      errors: summary.errors,
      metrics: [
        ...summary.metrics.map((metric) =>
          metric.value.defined
            ? {
                name: metric.name,
                value: metric.value.value,
                text: formatMetricValue(metric.metric, metric.value.value),
                ...(metric.value.interval
                  ? {
                      interval: intervalOf(metric.value.interval),
                      intervalText: intervalText(metric.metric, metric.value.interval),
                    }
                  : {}),
              }
            : { name: metric.name, value: null, reason: metric.value.reason },
        ),
        ...(summary.suiteK ? [suiteKMeanMetric(summary.suiteK)] : []),
      ],
      expectations: summary.expectations.map(reportExpectation),
      ...(summary.baseline
        ? {
            baseline: {
              status: summary.baseline.status,
              text: describeComparison(summary.baseline),
              changes: summary.baseline.changes.map(describeChange),
            },
          }
        : {}),
      judges: summary.judges.map((judge) => ({ ...judge, text: describeJudge(judge) })),
      ...(summary.agent ? { agent: { ...summary.agent, text: describeAgentFigures(summary.agent) } } : {}),
      ...(summary.sequential ? { sequential: describeSequentialRun(summary.sequential) } : {}),
      ...(curve ? { curve } : {}),
      ...(problem ? { curveProblem: problem } : {}),
      spend: reportSpend(summary.spend),
      histogram: histogram(summary.run.cases),
      cases: reportCases(summary, keep),
    };
  });
  return {
    version: 1,
    title: options.title,
    toolVersion: options.toolVersion,
    generatedAt: new Date(options.now ?? Date.now()).toISOString(),
    runIds: options.runIds,
    status: options.status,
    notes: options.notes ?? [],
    programs,
    crossovers: crossovers(summaries, kMax, level),
    interpreterComparisons: (options.interpreterComparisons ?? []).map((comparison) => ({
      program: comparison.programName,
      reference: comparison.reference,
      interpreter: comparison.interpreter,
      significant: comparison.pass1.significant,
      text: describeInterpreterComparison(comparison),
      ...(comparison.suiteK
        ? { suiteKText: describeSuiteKComparison(comparison.suiteK, comparison.reference, comparison.interpreter) }
        : {}),
      ...(comparison.costToSuccess
        ? {
            costText: describeCostToSuccess(comparison.costToSuccess, comparison.reference, comparison.interpreter),
          }
        : {}),
    })),
    kMax,
  };
}
