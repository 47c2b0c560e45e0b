import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { AdaptiveSamplingResult } from '../engine/adaptive/sample-adaptively.js';
import { sampleAdaptively } from '../engine/adaptive/sample-adaptively.js';
import { type RunProgramOptions, runProgram } from '../engine/run-program.js';
import type { RunSpend } from '../engine/run-program-options.js';
import { type CountMetric, isCountMetric, type Program } from '../program/program.js';

/** What adaptive sampling is asked to do. */
export interface AdaptiveOptions {
  /** Stop when every expected metric's sampling interval is at most this wide (full width, 95%). */
  readonly targetWidth: number;
  /** The most samples the program may draw in all. */
  readonly budget?: number;
}

/** A program's adaptive run: every sample drawn, as one run, and how the sampling ended. */
export interface AdaptiveProgramRun {
  readonly run: ProgramRun;
  readonly adaptive: AdaptiveSamplingResult;
}

/** The mean dollars of each case's samples drawn so far, for the cases that have some. */
function meanSampleCosts(
  samples: ReadonlyMap<string, readonly SampleRecord[]>,
  costOf: (record: SampleRecord) => number,
): Record<string, number> {
  const costs: Record<string, number> = {};
  for (const [caseId, drawn] of samples) {
    if (drawn.length > 0) costs[caseId] = drawn.reduce((sum, record) => sum + costOf(record), 0) / drawn.length;
  }
  return costs;
}

/**
 * Runs a program with adaptive sampling: a first batch per case, then batches spent where they narrow the
 * intervals of the program's expected metrics most, until every interval is narrower than the target, the budget
 * is spent, or every case reached its `sample` count (which is the cap per case in this mode). With a budget in
 * dollars (`options.spend`), each sample goes where it narrows the intervals most per dollar, and the run stops
 * when the budget is reached. Sample indices and
 * seeds continue where each case left off, so the samples are the same ones a uniform run draws first.
 */
export async function runAdaptive(
  program: Program,
  options: RunProgramOptions,
  adaptive: AdaptiveOptions,
): Promise<AdaptiveProgramRun> {
  // Adaptive sampling narrows the intervals of count metrics (pass@k, pass^k) over the suite.
  const expected = program.expectations
    .filter((expectation) => expectation.caseId === undefined)
    .map((expectation) => expectation.metric)
    .filter(isCountMetric);
  const metrics: CountMetric[] = expected.length > 0 ? expected : [{ name: 'pass@k', k: 1 }];
  const drawn = new Map<string, number>(program.cases.map((testCase) => [testCase.id, 0]));
  const samples = new Map<string, SampleRecord[]>(program.cases.map((testCase) => [testCase.id, []]));
  const runs: ProgramRun[] = [];
  const result = await sampleAdaptively(
    {
      metrics,
      cases: program.cases.map((testCase) => ({ caseId: testCase.id, n: 0, c: 0 })),
      targetWidth: adaptive.targetWidth,
      maxSamplesPerCase: program.sampling.samples,
      ...(adaptive.budget !== undefined ? { budget: adaptive.budget } : {}),
    },
    async (batch) => {
      const ranges = new Map(
        batch.map(({ caseId, more }) => {
          const from = drawn.get(caseId) ?? 0;
          drawn.set(caseId, from + more);
          return [caseId, { from, to: from + more }] as const;
        }),
      );
      const run = await runProgram(program, { ...options, samplesByCase: ranges, keepSamples: 'all' });
      runs.push(run);
      return run.cases
        .filter((caseRun) => ranges.has(caseRun.caseId))
        .map((caseRun) => {
          samples.get(caseRun.caseId)?.push(...caseRun.samples);
          const scoredSamples = caseRun.samples.filter((sample) => sample.score.status === 'scored');
          return {
            caseId: caseRun.caseId,
            n: scoredSamples.length,
            c: scoredSamples.filter((sample) => sample.success).length,
          };
        });
    },
    {
      ...(options.stopSignal ? { signal: options.stopSignal } : {}),
      ...(options.spend ? { sampleCosts: () => meanSampleCosts(samples, (options.spend as RunSpend).costOf) } : {}),
    },
  );
  const first = runs[0];
  if (!first) throw new Error('adaptive sampling drew no batch');
  const cases: CaseRun[] = program.cases.map((testCase) => ({
    caseId: testCase.id,
    samples: [...(samples.get(testCase.id) ?? [])].sort((a, b) => a.index - b.index),
  }));
  const total = cases.reduce((sum, caseRun) => sum + caseRun.samples.length, 0);
  const run: ProgramRun = {
    ...first,
    planned: total,
    interrupted: runs.some((part) => part.interrupted) || result.reason === 'stopped',
    cacheHits: runs.reduce((sum, part) => sum + part.cacheHits, 0),
    cases,
    warnings: [...new Map(runs.flatMap((part) => part.warnings).map((warning) => [warning.message, warning])).values()],
    durationMs: runs.reduce((sum, part) => sum + part.durationMs, 0),
  };
  return { run, adaptive: result };
}
