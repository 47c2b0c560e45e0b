import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import { type RunProgramOptions, runProgram } from '../engine/run-program.js';
import type { Program } from '../program/program.js';
import type { BlockSample } from '../stats/sequential/block-value.js';
import { addRound, isSettled, type SequentialTest, startSequentialTest } from '../stats/sequential/sequential-test.js';
import {
  defaultSequentialErrorRate,
  type SequentialEnd,
  type SequentialOptions,
  type SequentialOutcome,
  sequentialOutcome,
} from './sequential-outcome.js';
import { sequentialTargets } from './sequential-targets.js';

/** A program's sequential run: every sample drawn, as one run, and how the test ended. */
export interface SequentialProgramRun {
  readonly run: ProgramRun;
  readonly sequential: SequentialOutcome;
}

/**
 * The error rate a program's run is to be sequential at, or undefined when it samples its whole plan: `--sequential`
 * (its error rate, else the file's, else 0.05) or the file's `sequential`.
 */
export function sequentialErrorRateOf(program: Program, requested: SequentialOptions | undefined): number | undefined {
  if (!requested && !program.sequential) return undefined;
  return requested?.errorRate ?? program.sequential?.errorRate ?? defaultSequentialErrorRate;
}

/** Merges the runs of the rounds into one program run, each case's samples in index order. */
function mergedRun(program: Program, runs: readonly ProgramRun[], samples: Map<string, SampleRecord[]>): ProgramRun {
  const first = runs[0];
  if (!first) throw new Error('a sequential run drew no round');
  const cases: CaseRun[] = program.cases.map((testCase) => ({
    caseId: testCase.id,
    samples: [...(samples.get(testCase.id) ?? [])].sort((a, b) => a.index - b.index),
  }));
  const last = runs[runs.length - 1] ?? first;
  return {
    ...first,
    planned: cases.reduce((sum, caseRun) => sum + caseRun.samples.length, 0),
    interrupted: runs.some((part) => part.interrupted),
    ...(last.stoppedBy ? { stoppedBy: last.stoppedBy } : {}),
    cacheHits: runs.reduce((sum, part) => sum + part.cacheHits, 0),
    cases,
    warnings: [...new Map(runs.flatMap((part) => part.warnings).map((warning) => [warning.message, warning])).values()],
    durationMs: runs.reduce((sum, part) => sum + part.durationMs, 0),
  };
}

/**
 * Runs a program sequentially: rounds of `roundSize` fresh scored samples per case (the largest k of its
 * expectations), each round's block values betting against every undecided expectation's threshold (see
 * `SequentialTest`), until every expectation that can be decided this way is decided at the error rate, or a case
 * reaches the program's `sample N`. A round smaller than the concurrency is drawn together with the next ones, up to
 * the concurrency, so that a small suite keeps its calls in flight busy. Sample indices and seeds continue per case, so the samples are those a uniform
 * run draws first, in the same order: a run again on the same store replays the stored rounds from the cache and
 * goes on where they end, the same test rather than a new one. A sample that failed is replaced by the case's next
 * index. Expectations that cannot be decided by rounds are reported as such, and checked at the end as usual.
 */
export async function runSequential(
  program: Program,
  options: RunProgramOptions,
  errorRate = program.sequential?.errorRate ?? defaultSequentialErrorRate,
): Promise<SequentialProgramRun> {
  const cap = program.sampling.samples;
  const { targets, targetOf, reasons } = sequentialTargets(program);
  if (targets.length === 0) {
    const run = await runProgram(program, { ...options, keepSamples: 'all' });
    return {
      run,
      sequential: {
        errorRate,
        expectationErrorRate: errorRate,
        roundSize: 0,
        rounds: 0,
        cap,
        end: 'nothing-to-decide',
        expectations: reasons.map((reason) => ({ decision: 'not-sequential', reason: reason ?? '' })),
      },
    };
  }

  let test: SequentialTest = startSequentialTest(targets, errorRate);
  const size = test.blockSize;
  const maxRounds = Math.floor(cap / size);
  const drawn = new Map<string, number>(program.cases.map((testCase) => [testCase.id, 0]));
  const samples = new Map<string, SampleRecord[]>(program.cases.map((testCase) => [testCase.id, []]));
  // Each case's scored samples in index order: every call draws indices after the previous ones, so appending keeps it.
  const scored = new Map<string, BlockSample[]>(program.cases.map((testCase) => [testCase.id, []]));
  const runs: ProgramRun[] = [];
  let end: SequentialEnd = 'cap-reached';
  while (test.rounds < maxRounds) {
    if (isSettled(test)) {
      end = 'decided';
      break;
    }
    // A call draws as many rounds as keep the calls in flight busy (one, unless a round is smaller than the
    // concurrency); the test still looks after every round, so at most a call's worth is drawn past a decision.
    const perCall = Math.max(1, Math.floor((options.concurrency ?? 8) / Math.max(1, program.cases.length * size)));
    const needed = Math.min(maxRounds, test.rounds + perCall) * size;
    const ranges = new Map<string, { from: number; to: number }>();
    for (const testCase of program.cases) {
      const have = scored.get(testCase.id)?.length ?? 0;
      const from = drawn.get(testCase.id) ?? 0;
      const to = Math.min(cap, from + Math.max(0, needed - have));
      if (to > from) ranges.set(testCase.id, { from, to });
    }
    // Every case short of the round is at its cap (failed samples took its indices): the round cannot be had.
    if (ranges.size === 0) break;
    for (const [caseId, range] of ranges) drawn.set(caseId, range.to);
    const run = await runProgram(program, { ...options, samplesByCase: ranges, keepSamples: 'all' });
    runs.push(run);
    let added = 0;
    for (const caseRun of run.cases) {
      if (!ranges.has(caseRun.caseId)) continue;
      samples.get(caseRun.caseId)?.push(...caseRun.samples);
      added += caseRun.samples.length;
      const list = scored.get(caseRun.caseId);
      for (const sample of [...caseRun.samples].sort((a, b) => a.index - b.index)) {
        if (sample.score.status === 'scored' && sample.score.value !== null) {
          list?.push({ score: sample.score.value, success: sample.success });
        }
      }
    }
    const lists = program.cases.map((testCase) => scored.get(testCase.id) ?? []);
    while (
      test.rounds < maxRounds &&
      !isSettled(test) &&
      lists.every((list) => list.length >= (test.rounds + 1) * size)
    ) {
      const round = test.rounds;
      test = addRound(
        test,
        lists.map((list) => list.slice(round * size, (round + 1) * size)),
      );
    }
    if (run.interrupted) {
      end = 'stopped';
      break;
    }
    if (added === 0) {
      end = 'stalled';
      break;
    }
  }
  if (end === 'cap-reached' && isSettled(test)) end = 'decided';
  return {
    run: mergedRun(program, runs, samples),
    sequential: sequentialOutcome(test, { targetOf, reasons }, cap, end),
  };
}
