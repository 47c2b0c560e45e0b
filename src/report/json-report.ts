import { positionAt } from '../lang/source-span.js';
import type { InterpreterComparison } from '../runner/compare-interpreters.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { jsonAttempts, suiteKComparisonReport } from './describe-suite-k.js';
import { representativeSample } from './failing-sample.js';
import { programSpendReport, runSpendReport } from './json-spend-report.js';
import { trajectoryReport } from './trajectory-report.js';

/** The version of the JSON report's shape. Raised whenever a field changes meaning or goes away. */
export const jsonReportVersion = 1;

/** Builds the JSON report of a suite: a plain, versioned object. Timing fields are the only non-deterministic ones. */
export function buildJsonReport(result: SuiteResult, toolVersion: string) {
  return {
    version: jsonReportVersion,
    tool: { name: 'informal', version: toolVersion },
    status: result.status,
    ...(result.runId ? { runId: result.runId } : {}),
    startedAt: new Date(result.startedAt).toISOString(),
    durationMs: result.durationMs,
    errors: result.errors,
    diagnostics: result.loaded.flatMap((file) =>
      file.diagnostics.map((diagnostic) => {
        const { line, column } = positionAt(file.source, diagnostic.span.start);
        return { ...diagnostic, line, column };
      }),
    ),
    programs: result.programs.map(programReport),
    ...(result.interpreterComparisons.length > 0
      ? { interpreterComparisons: result.interpreterComparisons.map(interpreterComparisonReport) }
      : {}),
    ...(result.notRun ? { notRun: result.notRun } : {}),
    ...(result.baselineWritten ? { baselineWritten: result.baselineWritten } : {}),
    spend: runSpendReport(result.spend),
    ...(result.budget
      ? { budget: { dollars: result.budget.dollars, spent: result.budget.spent, reached: result.budget.reached } }
      : {}),
    summary: {
      programs: result.programs.length,
      passed: result.programs.filter((summary) => summary.status === 'passed').length,
      failed: result.programs.filter((summary) => summary.status === 'failed').length,
      undetermined: result.programs.filter((summary) => summary.status === 'undetermined').length,
      ...(result.programs.some((summary) => summary.sequential)
        ? {
            undecided: result.programs.reduce(
              (sum, summary) =>
                sum +
                summary.expectations.filter((expectation) => expectation.sequential?.decision === 'undecided').length,
              0,
            ),
          }
        : {}),
      notRun: result.notRun?.length ?? 0,
      regressed: result.programs.filter((summary) => summary.baseline?.status === 'regressed').length,
      samples: result.programs.reduce((sum, summary) => sum + summary.samples, 0),
      errors: result.programs.reduce((sum, summary) => sum + summary.errors, 0),
    },
  };
}

function interpreterComparisonReport(comparison: InterpreterComparison) {
  const { a, b, difference, significant, reason } = comparison.pass1;
  return {
    file: comparison.file,
    programName: comparison.programName,
    reference: comparison.reference,
    interpreter: comparison.interpreter,
    cases: comparison.cases,
    metric: 'pass@1' as const,
    referenceValue: a,
    value: b,
    ...(difference
      ? {
          difference: {
            estimate: difference.estimate,
            lower: difference.lower,
            upper: difference.upper,
            level: difference.level,
            standardError: difference.standardError,
            pValue: difference.pValue,
          },
        }
      : {}),
    significant,
    ...(reason !== undefined ? { reason } : {}),
    ...(comparison.suiteK ? { suiteK: suiteKComparisonReport(comparison.suiteK) } : {}),
  };
}

/**
 * `suite_k@0.5` apart from `metrics`, whose numbers cannot say Infinity: the suite may never be solved
 * (`unbounded`).
 */
function suiteKReport(summary: ProgramSummary) {
  const reported = summary.metrics.find((metric) => metric.metric.name === 'suite-k');
  if (!reported?.value.defined || reported.metric.name !== 'suite-k') return {};
  const { value, interval } = reported.value;
  return {
    suiteK: {
      q: reported.metric.quantile,
      estimate: jsonAttempts(value),
      ...(interval
        ? { lower: jsonAttempts(interval.lower), upper: jsonAttempts(interval.upper), level: interval.level }
        : {}),
      ...(summary.suiteK
        ? {
            cappedMean: {
              budget: summary.suiteK.cappedMean.budget,
              estimate: summary.suiteK.cappedMean.estimate,
              lower: summary.suiteK.cappedMean.lower,
              upper: summary.suiteK.cappedMean.upper,
              beyondSamples: summary.suiteK.cappedMean.beyondSamples,
            },
          }
        : {}),
    },
  };
}

function programReport(summary: ProgramSummary) {
  const { run } = summary;
  return {
    file: summary.file,
    name: summary.programName,
    ...(summary.description !== undefined ? { description: summary.description } : {}),
    hash: run.programHash,
    interpreterName: summary.interpreter,
    interpreter: { id: run.interpreterId, description: run.interpreterDescription },
    seed: run.baseSeed,
    settings: run.settings,
    samplesPerCase: run.samplesPerCase,
    planned: run.planned,
    ...(run.shard ? { shard: `${run.shard.index}/${run.shard.count}` } : {}),
    interrupted: run.interrupted,
    cacheHits: run.cacheHits,
    status: summary.status,
    durationMs: run.durationMs,
    ...(summary.adaptive
      ? {
          adaptive: {
            reason: summary.adaptive.reason,
            batches: summary.adaptive.batches,
            widths: summary.adaptive.widths,
          },
        }
      : {}),
    ...(summary.sequential
      ? {
          sequential: {
            end: summary.sequential.end,
            errorRate: summary.sequential.errorRate,
            expectationErrorRate: summary.sequential.expectationErrorRate,
            roundSize: summary.sequential.roundSize,
            rounds: summary.sequential.rounds,
            cap: summary.sequential.cap,
          },
        }
      : {}),
    metrics: Object.fromEntries(
      summary.metrics.map((metric) => [
        metric.name,
        // Infinity (a suite that may never be solved) is in `suiteK`; JSON cannot hold it.
        metric.value.defined && Number.isFinite(metric.value.value) ? metric.value.value : null,
      ]),
    ),
    intervals: Object.fromEntries(
      summary.metrics.map((metric) => [
        metric.name,
        metric.value.defined && metric.value.interval && Number.isFinite(metric.value.interval.upper)
          ? metric.value.interval
          : null,
      ]),
    ),
    ...suiteKReport(summary),
    passAtKCurve: summary.passAtKCurve,
    expectations: summary.expectations.map((expectation) => ({
      text: expectation.text,
      ...(expectation.caseId !== undefined ? { caseId: expectation.caseId } : {}),
      met: expectation.met,
      observed: expectation.observed.defined ? expectation.observed.value : null,
      ...(expectation.observed.defined ? {} : { undefinedReason: expectation.observed.reason }),
      ...(expectation.observed.defined &&
      expectation.observed.interval &&
      Number.isFinite(expectation.observed.interval.standardError)
        ? { interval: expectation.observed.interval }
        : {}),
      ...(expectation.significance ? { significance: expectation.significance } : {}),
      ...(expectation.sequential ? { sequential: expectation.sequential } : {}),
      location: expectation.location,
    })),
    ...(summary.baseline ? { baseline: summary.baseline } : {}),
    ...(summary.judges.length > 0 ? { judges: summary.judges } : {}),
    ...(summary.agent ? { agent: summary.agent } : {}),
    spend: programSpendReport(summary.spend),
    warnings: run.warnings,
    cases: summary.cases.map((caseSummary) => {
      const caseRun = run.cases.find((candidate) => candidate.caseId === caseSummary.caseId);
      return {
        id: caseSummary.caseId,
        n: caseSummary.n,
        c: caseSummary.c,
        errors: caseSummary.errors,
        drawn: caseSummary.drawn,
        meanScore: caseSummary.meanScore,
        ...exampleTrace(caseRun),
        samples: (caseRun?.samples ?? []).map((sample) => ({
          index: sample.index,
          seed: sample.seed,
          output: sample.output,
          success: sample.success,
          cached: sample.cached,
          score: sample.score,
          latencyMs: sample.trace.steps.reduce((sum, step) => sum + step.latencyMs, 0),
        })),
      };
    }),
  };
}

/** The full trace of the sample a reader looks at first: the case's first failing sample, else its first. */
function exampleTrace(caseRun: Parameters<typeof representativeSample>[0]) {
  const sample = representativeSample(caseRun);
  if (!sample) return {};
  return {
    trace: {
      sampleIndex: sample.index,
      steps: sample.trace.steps.map((step) => ({
        name: step.name,
        messages: step.messages,
        text: step.text,
        ...(step.outputProblem !== undefined ? { outputProblem: step.outputProblem } : {}),
        finishReason: step.finishReason,
        ...(step.usage ? { usage: step.usage } : {}),
        ...(step.error ? { error: step.error } : {}),
        ...(step.agent ? { agent: trajectoryReport(step.agent) } : {}),
      })),
    },
  };
}
