import { beforeAll, describe, test } from 'vitest';
import { loadProgram } from '../program/load-program.js';
import type { Expectation, Program } from '../program/program.js';
import type { BaselineEntry } from '../runner/baseline-file.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { declareBaselineTests } from './declare-baseline-tests.js';
import { describeExpectation } from './describe-expectation.js';
import { ExpectationFailure } from './expectation-failure.js';
import { findBaselineEntry } from './find-baseline-entry.js';
import { groupExpectations } from './group-expectations.js';
import { ProgramFileError } from './program-file-error.js';
import type { ProgramSuiteOptions } from './program-suite-options.js';
import { runProgramFile } from './run-program-file.js';

type Outcome = { readonly summary: ProgramSummary } | { readonly error: unknown };

/** Declares the tests of one program on one interpreter: one sampling pass before them, shared by all. */
function declareTests(
  program: Program,
  file: string,
  interpreter: string | undefined,
  baseline: BaselineEntry | undefined,
  options: ProgramSuiteOptions,
) {
  let outcome: Outcome | undefined;
  beforeAll(async () => {
    try {
      const summary = await runProgramFile(file, {
        cwd: options.root,
        ...(interpreter !== undefined ? { interpreter } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.store !== undefined ? { store: options.store } : {}),
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.config !== undefined ? { config: options.config } : {}),
        // Always when asked, not only with an entry: a baseline file that cannot be read fails every test.
        ...(options.baseline ? { baseline: true } : {}),
      });
      outcome = { summary };
    } catch (error) {
      // Each test reports the problem, rather than the hook, so that every expectation shows as failed.
      outcome = { error };
    }
  }, options.timeout);
  const summaryOf = (): ProgramSummary => {
    if (!outcome) throw new Error(`${file} was not sampled`);
    if ('error' in outcome) throw outcome.error;
    return outcome.summary;
  };
  const expectationTest = (expectation: Expectation, index: number) =>
    test(`expect ${expectation.text}`, () => {
      const summary = summaryOf();
      const result = summary.expectations[index];
      if (!result) throw new Error(`the run of ${file} holds no result for expect ${expectation.text}`);
      if (!result.met) {
        throw new ExpectationFailure(describeExpectation(result, summary), result, summary.run.interpreterId);
      }
    });

  const { suite, byCase } = groupExpectations(program.expectations);
  for (const { expectation, index } of suite) expectationTest(expectation, index);
  for (const [caseId, expectations] of byCase) {
    describe(`case "${caseId}"`, () => {
      for (const { expectation, index } of expectations) expectationTest(expectation, index);
    });
  }
  declareBaselineTests(program, baseline, summaryOf);
  // A program without expectations still runs: its one test fails when it cannot.
  if (program.expectations.length === 0) test('runs (no expectations)', () => void summaryOf());
}

/**
 * Declares a `.prog` file's vitest suite: a `describe` named after the program (and one inside it per interpreter
 * when several are configured), one test per expectation, those on one case inside a `describe` for the case. The
 * program is sampled once per interpreter before its tests. A program with errors gets one failing test whose
 * message holds every diagnostic, rendered with file:line:col, the source line, a caret and a hint.
 */
export async function defineProgramSuite(file: string, options: ProgramSuiteOptions): Promise<void> {
  const loaded = await loadProgram(file, options.root);
  const { program } = loaded;
  if (!program) {
    const errors = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    test('compiles', () => {
      throw new ProgramFileError(file, loaded.source, errors, []);
    });
    return;
  }
  // vitest collects tests before any runs: the baseline is read now, to know which metrics get a test.
  const baselineOf = (interpreter: string | undefined) =>
    options.baseline ? findBaselineEntry(program, interpreter, options) : undefined;
  if (options.interpreters.length <= 1) {
    const interpreter = options.interpreters[0];
    const baseline = await baselineOf(interpreter);
    describe(program.name, () => declareTests(program, file, interpreter, baseline, options));
    return;
  }
  const baselines = await Promise.all(options.interpreters.map(baselineOf));
  describe(program.name, () => {
    options.interpreters.forEach((interpreter, index) => {
      describe(interpreter, () => declareTests(program, file, interpreter, baselines[index], options));
    });
  });
}
