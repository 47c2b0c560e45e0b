import type { CaseRun, SampleRecord } from '../contracts/program-run.js';
import type { StepKeys } from '../contracts/sample-store.js';
import type { InterpreterWarning } from '../contracts/step-result.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import { compare } from '../verifiers/compare.js';
import type { PlannedSample } from './plan-samples.js';
import type { ProgramRunSetup } from './program-run-setup.js';
import { scoreSample } from './score-sample.js';
import { CaseTallyBuilder, type TallyOptions } from './tally/case-tally-builder.js';
import { tallySizes } from './tally/tally-sizes.js';

/**
 * Records a run's samples as they finish: scores each, emits its events (`case-start` before a case's first sample,
 * `sample-end` and `score` for each, `case-end` after its last), saves it to the store, and keeps what the
 * `ProgramRun` reports: each case's tally and a few whole samples, or every sample when the run keeps them all.
 */
export class SampleRecorder {
  /** Samples answered from the cache. */
  cacheHits = 0;
  /** The interpreters' warnings, each once, by message. */
  readonly warnings = new Map<string, InterpreterWarning>();
  /** Every sample by case, when the run keeps them all. */
  private readonly records: Map<string, SampleRecord[]> | undefined;
  /** Each case's tally, when the run tallies its samples. */
  private readonly tallies: Map<string, CaseTallyBuilder> | undefined;
  /** Samples left to record, by case: `case-end` is emitted when none is left. */
  private readonly remaining = new Map<string, number>();
  private readonly started = new Set<string>();

  constructor(
    private readonly run: ProgramRunSetup,
    plannedByCase: ReadonlyMap<string, number>,
  ) {
    const ids = run.program.cases.map((testCase) => testCase.id);
    if (run.options.keepSamples === 'all') this.records = new Map(ids.map((id) => [id, []]));
    else {
      const options: TallyOptions = {
        priceOf: run.options.priceOf ?? (() => undefined),
        ...(run.program.agent?.simulatedUser?.interpreter !== undefined
          ? { userInterpreter: run.program.agent.simulatedUser.interpreter }
          : {}),
        ...tallySizes(ids.length),
      };
      this.tallies = new Map(ids.map((id) => [id, new CaseTallyBuilder(options)]));
    }
    for (const [caseId, planned] of plannedByCase) this.remaining.set(caseId, planned);
  }

  /** Emits `case-start` for a case, once, before its first sample. */
  startCase(caseId: string): void {
    if (this.started.has(caseId)) return;
    this.started.add(caseId);
    this.run.events?.emit('case-start', { runId: this.run.runId, timestamp: this.run.clock(), caseId });
  }

  /**
   * Scores and records one finished sample. `key` is its last step's cache key; `stepKeys`, every step's key for a
   * program of several steps.
   */
  async record(
    planned: PlannedSample,
    steps: readonly StepTrace[],
    cached: boolean,
    key: string,
    stepKeys?: StepKeys,
  ): Promise<SampleRecord> {
    const { program, events, runId, clock, perSample } = this.run;
    const { testCase, index, seed } = planned;
    const step = steps[steps.length - 1] as StepTrace;
    const trace: Trace = {
      programName: program.name,
      programHash: program.hash,
      interpreterId: this.run.interpreter.id,
      caseId: testCase.id,
      sampleIndex: index,
      seed,
      settings: this.run.settings,
      steps,
    };
    if (perSample.sampleEnd)
      events?.emit('sample-end', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, trace, cached });
    const scoring = scoreSample(this.run.verifier, testCase, steps, trace);
    // A score known at once is not awaited: that would cost every such sample a turn of the microtask queue.
    const score = scoring instanceof Promise ? await scoring : scoring;
    const success =
      score.status === 'scored' && compare(score.value, program.passWhen.operator, program.passWhen.threshold);
    if (perSample.score)
      events?.emit('score', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, score, success });
    const record: SampleRecord = {
      caseId: testCase.id,
      index,
      seed,
      output: step.output,
      score,
      success,
      cached,
      trace,
    };
    for (const done of steps) for (const warning of done.warnings) this.warnings.set(warning.message, warning);
    this.run.options.store?.saveResult(this.run.runKey, record, key, stepKeys);
    this.records?.get(testCase.id)?.push(record);
    this.tallies?.get(testCase.id)?.add(record);
    const left = (this.remaining.get(testCase.id) ?? 1) - 1;
    this.remaining.set(testCase.id, left);
    if (left === 0) {
      const samples = this.records?.get(testCase.id);
      const tally = this.tallies?.get(testCase.id);
      events?.emit('case-end', {
        runId,
        timestamp: clock(),
        caseId: testCase.id,
        samples: samples?.length ?? tally?.drawn ?? 0,
        successes: samples?.filter((sample) => sample.success).length ?? tally?.successes ?? 0,
      });
    }
    return record;
  }

  /** Every case's recorded samples in index order, or its tally and the samples kept whole. */
  cases(): CaseRun[] {
    return this.run.program.cases.map((testCase) => {
      const builder = this.tallies?.get(testCase.id);
      if (builder) return { caseId: testCase.id, samples: builder.kept(), tally: builder.tally() };
      return {
        caseId: testCase.id,
        samples: [...(this.records?.get(testCase.id) ?? [])].sort((a, b) => a.index - b.index),
      };
    });
  }
}
