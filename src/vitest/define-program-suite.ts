import { beforeAll, describe, test } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { loadProgram } from '../program/load-program.js';
import type { Expectation, Program } from '../program/program.js';
import { type BaselineEntry, baselineFileFor } from '../runner/baseline-file.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { declareBaselineTests } from './declare-baseline-tests.js';
import { describeExpectation } from './describe-expectation.js';
import { ExpectationFailure } from './expectation-failure.js';
import { findBaselineEntry } from './find-baseline-entry.js';
import { groupExpectations } from './group-expectations.js';
import { pluginInterpreterNames } from './plugin-interpreter-names.js';
import { ProgramFileError } from './program-file-error.js';
import type { ProgramSuiteOptions } from './program-suite-options.js';
import { runProgramFile } from './run-program-file.js';

type Outcome = { readonly summary: ProgramSummary } | { readonly error: unknown };

/** Declares the tests of one program on one interpreter: one sampling pass before them, shared by all. */
function declareTests(
  program: Program,
  file: string,
  interpreter: string,
  baseline: BaselineEntry | undefined,
  options: ProgramSuiteOptions,
) {
  let outcome: Outcome | undefined;
  beforeAll(async () => {
    try {
      const summary = await runProgramFile(file, {
        cwd: options.root,
        interpreter,
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
 * Declares a `.prog` file's vitest suite: a `describe` per interpreter the program runs on (as `informal test`
 * chooses them, with the plugin's `interpreter` as the default), named after the program and the interpreter
 * (`capitals [sim:large]`), one test per expectation, those on one case inside a `describe` for the case. The
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
  // vitest collects tests before any runs: the interpreters and the baseline are read now, to name the tests. A
  // config with problems names none; the run then reports them in every test.
  const config = await loadConfig(options.root, options.config);
  const interpreters = pluginInterpreterNames(program, config.ok ? config.config : {}, options.interpreters);
  const baselineFile = config.ok && options.baseline ? baselineFileFor(config.file, options.root) : undefined;
  for (const interpreter of interpreters) {
    const baseline = baselineFile ? findBaselineEntry(program, interpreter, baselineFile) : undefined;
    describe(`${program.name} [${interpreter}]`, () => declareTests(program, file, interpreter, baseline, options));
  }
}
