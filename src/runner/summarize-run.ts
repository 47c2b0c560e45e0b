import type { ProgramRun } from '../engine/program-run.js';
import { positionAt } from '../lang/source-span.js';
import type { MetricReference, Program } from '../program/program.js';
import { compare } from '../verifiers/compile-verifier.js';
import { metricName, metricValue } from './metric-value.js';
import type { CaseSummary, ExpectationResult, ProgramSummary } from './program-summary.js';

/** Reduces a program's run to counts, metrics and checked expectations. */
export function summarizeRun(program: Program, run: ProgramRun): ProgramSummary {
  const cases: CaseSummary[] = run.cases.map((caseRun) => {
    const scoredSamples = caseRun.samples.filter((sample) => sample.score.status === 'scored');
    const total = scoredSamples.reduce((sum, sample) => sum + (sample.score.value ?? 0), 0);
    return {
      caseId: caseRun.caseId,
      n: scoredSamples.length,
      c: scoredSamples.filter((sample) => sample.success).length,
      errors: caseRun.samples.filter((sample) => sample.score.status === 'error').length,
      meanScore: scoredSamples.length === 0 ? null : total / scoredSamples.length,
    };
  });

  const wanted = new Map<string, MetricReference>([['pass@1', { name: 'pass@k', k: 1 }]]);
  for (const expectation of program.expectations) wanted.set(metricName(expectation.metric), expectation.metric);
  const metrics = [...wanted].map(([name, metric]) => ({ name, metric, value: metricValue(metric, cases) }));

  const expectations: ExpectationResult[] = program.expectations.map((expectation) => {
    const observed = metricValue(expectation.metric, cases);
    const { line, column } = positionAt(program.source, expectation.span.start);
    return {
      text: expectation.text,
      metric: expectation.metric,
      operator: expectation.operator,
      threshold: expectation.threshold,
      observed,
      met: observed.defined && compare(observed.value, expectation.operator, expectation.threshold),
      location: `${program.file}:${line}:${column}`,
    };
  });

  const samples = run.cases.reduce((sum, caseRun) => sum + caseRun.samples.length, 0);
  return {
    file: program.file,
    programName: program.name,
    ...(program.description !== undefined ? { description: program.description } : {}),
    run,
    cases,
    metrics,
    expectations,
    samples,
    errors: cases.reduce((sum, summary) => sum + summary.errors, 0),
    status:
      run.shard || run.interrupted
        ? 'partial'
        : expectations.every((expectation) => expectation.met)
          ? 'passed'
          : 'failed',
  };
}
