import type { ProgramRun } from '../contracts/program-run.js';
import type { PriceOf } from '../cost/sample-spend.js';
import { positionAt } from '../lang/source-span.js';
import type { Program } from '../program/program.js';
import { expectationSignificance } from '../stats/expectation-significance.js';
import { type MetricValue, metricName, metricValue } from '../stats/metric-value.js';
import { passAtKCurve } from '../stats/pass-at-k-curve.js';
import { suiteK } from '../stats/suite-k/suite-k.js';
import { suiteKMetricValue } from '../stats/suite-k/suite-k-value.js';
import { compare } from '../verifiers/compile-verifier.js';
import type { CaseSummary, ExpectationResult, ProgramStatus, ProgramSummary } from './program-summary.js';
import { reportedMetrics } from './reported-metrics.js';
import { runFiguresOf } from './run-figures.js';

/**
 * Reduces a program's run to counts, metrics with intervals, what it spent, and checked expectations. `interpreter`
 * is the interpreter as the suite named it (an alias or an id); the run's interpreter id by default. `priceOf`
 * prices an interpreter by its id or the suite's name for it; without it nothing is in dollars. A run that tallied its
 * samples was priced as it recorded them (`RunProgramOptions.priceOf`); `priceOf` then only names the price shown.
 */
export function summarizeRun(
  program: Program,
  run: ProgramRun,
  interpreter = run.interpreterId,
  priceOf: PriceOf = () => undefined,
): ProgramSummary {
  const figures = runFiguresOf(run, priceOf, program.agent?.simulatedUser?.interpreter);
  const { cases } = figures;

  // suite_k@0.5 and its capped mean come from one set of posterior draws, computed once.
  const suite =
    cases.length > 0 && cases.every((outcomes) => outcomes.n > 0)
      ? suiteK(
          cases.map(({ n, c }) => ({ n, c })),
          { quantile: 0.5 },
        )
      : undefined;
  const metrics = [...reportedMetrics(program)].map(([name, metric]) => ({
    name,
    metric,
    value:
      suite && metric.name === 'suite-k' && metric.quantile === suite.q
        ? suiteKMetricValue(suite)
        : metricValue(metric, cases),
  }));

  const expectations: ExpectationResult[] = program.expectations.map((expectation) => {
    const suiteWide = expectation.caseId === undefined;
    const observed = suiteWide
      ? (metrics.find((metric) => metric.name === metricName(expectation.metric))?.value ??
        metricValue(expectation.metric, cases))
      : metricValue(expectation.metric, cases, { caseId: expectation.caseId });
    const { line, column } = positionAt(program.source, expectation.span.start);
    const significance = expectationSignificance(observed, expectation.operator, expectation.threshold);
    return {
      text: expectation.text,
      metric: expectation.metric,
      operator: expectation.operator,
      threshold: expectation.threshold,
      ...(expectation.caseId !== undefined ? { caseId: expectation.caseId } : {}),
      observed,
      met: observed.defined && compare(observed.value, expectation.operator, expectation.threshold),
      ...(significance ? { significance } : {}),
      location: `${program.file}:${line}:${column}`,
    };
  });

  return {
    file: program.file,
    programName: program.name,
    interpreter,
    ...(program.description !== undefined ? { description: program.description } : {}),
    run,
    cases,
    metrics,
    passAtKCurve: passAtKCurve(cases),
    ...(suite ? { suiteK: suite } : {}),
    expectations,
    samples: figures.samples,
    errors: figures.errors,
    ...(figures.agent ? { agent: figures.agent } : {}),
    spend: figures.spend,
    judges: program.judges.length === 0 ? [] : figures.judges,
    status: programStatus(run, expectations, cases, metrics),
  };
}

/**
 * A run's verdict: `partial` for part of a plan; `failed` when an expectation was judged and does not hold;
 * `undetermined` when none failed but one could not be judged, no sample could be scored, or (with no expectation)
 * failed samples left a reported metric undefined; else `passed`.
 */
function programStatus(
  run: ProgramRun,
  expectations: readonly ExpectationResult[],
  cases: readonly CaseSummary[],
  metrics: readonly { readonly value: MetricValue }[],
): ProgramStatus {
  if (run.shard || run.interrupted) return 'partial';
  if (expectations.some((expectation) => expectation.observed.defined && !expectation.met)) return 'failed';
  const drawn = cases.reduce((sum, outcomes) => sum + outcomes.drawn, 0);
  const scored = cases.reduce((sum, outcomes) => sum + outcomes.n, 0);
  const failedSamples = cases.some((outcomes) => outcomes.errors > 0);
  if (
    expectations.some((expectation) => !expectation.observed.defined) ||
    (drawn > 0 && scored === 0 && failedSamples) ||
    (expectations.length === 0 && failedSamples && metrics.some((metric) => !metric.value.defined))
  ) {
    return 'undetermined';
  }
  return 'passed';
}
