import type { ProgramRun } from '../contracts/program-run.js';
import type { PriceOf } from '../cost/sample-spend.js';
import { loadProgram } from '../program/load-program.js';
import { metricValue } from '../stats/metric-value.js';
import { passAtKCurve } from '../stats/pass-at-k-curve.js';
import type { ProgramRunRecord, RunRecord } from '../store/store-types.js';
import { applySequentialOutcome } from './apply-sequential-outcome.js';
import type { ProgramSummary } from './program-summary.js';
import { replaySequential } from './replay-sequential.js';
import { runFiguresOf } from './run-figures.js';
import { summarizeRun } from './summarize-run.js';

/** One program's run on one interpreter as the store gives it back (what `readStoredRun` returns). */
export interface StoredProgramRunParts {
  readonly run: RunRecord;
  readonly record: ProgramRunRecord;
  /** The run as far as the store keeps it. */
  readonly programRun: ProgramRun;
}

/** A stored program run summarised, and what could not be. */
export interface StoredSummary {
  readonly summary: ProgramSummary;
  /** False when the program's file could not be read back, so expectations were not checked. */
  readonly checked: boolean;
  /** What differs from a summary made at run time, in words. */
  readonly notes: readonly string[];
}

/**
 * Summarises a stored program run as `informal test` did: the program file is read again (relative to the folder
 * the run was started in) for its expectations, description and case order. When it cannot be read, or now holds
 * another program, the summary has pass@1 and no expectations, and says so.
 */
export async function summarizeStoredRun(stored: StoredProgramRunParts): Promise<StoredSummary> {
  const { programRun, record, run } = stored;
  const folder = run.command.cwd;
  const priceOf: PriceOf = (interpreter) => run.command.plan?.prices?.[interpreter];
  const loaded = await loadProgram(record.programFile, folder);
  const found = loaded.program?.name === record.programName ? loaded.program : undefined;
  // The run's own samples per case (`--samples` may have replaced the file's `sample N`): its cap, when sequential.
  const program = found && { ...found, sampling: { ...found.sampling, samples: record.samplesPerCase } };
  if (program) {
    const order = new Map(program.cases.map((testCase, index) => [testCase.id, index]));
    const cases = [...programRun.cases].sort(
      (left, right) => (order.get(left.caseId) ?? order.size) - (order.get(right.caseId) ?? order.size),
    );
    const plain = summarizeRun(program, { ...programRun, cases }, programRun.interpreterId, priceOf);
    // A sequential run's decisions come back from its samples, replayed round by round as the run cut them.
    const errorRate = run.command.plan?.programRuns.find(
      (planned) => planned.program === record.programName && planned.interpreterId === record.interpreterId,
    )?.sequential?.errorRate;
    const outcome = errorRate !== undefined ? replaySequential(program, programRun, errorRate) : undefined;
    const summary = outcome ? applySequentialOutcome(plain, outcome) : plain;
    return {
      summary,
      checked: true,
      notes:
        program.hash !== record.programHash
          ? [`${record.programFile} has changed since run ${run.id}; its expectations are today's`]
          : [],
    };
  }
  // Without the program, a simulated user's calls are priced as the program's interpreter's.
  const figures = runFiguresOf(programRun, priceOf);
  const { cases } = figures;
  const pass1 = {
    name: 'pass@1',
    metric: { name: 'pass@k', k: 1 } as const,
    value: metricValue({ name: 'pass@k', k: 1 }, cases),
  };
  return {
    summary: {
      file: record.programFile,
      programName: record.programName,
      interpreter: programRun.interpreterId,
      run: programRun,
      cases,
      metrics: [pass1],
      passAtKCurve: passAtKCurve(cases),
      expectations: [],
      samples: figures.samples,
      errors: figures.errors,
      spend: figures.spend,
      judges: figures.judges,
      status: programRun.interrupted || programRun.shard ? 'partial' : 'passed',
    },
    checked: false,
    notes: [
      `${record.programFile} (program ${record.programName}) could not be read from ${folder}; its expectations were not checked`,
    ],
  };
}
