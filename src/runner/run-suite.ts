import { checkSuiteOptions } from './check-suite-options.js';
import { compareInterpreters } from './compare-interpreters.js';
import { type ConcludedSuite, concludeSuite } from './conclude-suite.js';
import { prepareSuite } from './prepare-suite.js';
import { runPrograms } from './run-programs.js';
import { runSpend } from './run-spend.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import { runHeldError } from './run-to-resume.js';
import { SuiteOptionsError } from './suite-options-error.js';
import type { SuiteResult } from './suite-result.js';

export { type BaselineOptions, defaultInterpreterId, type RunSuiteOptions } from './run-suite-options.js';

/**
 * Runs a suite as a test runner does: finds the programs, checks all of them before sampling any (so one broken
 * file costs no samples), resolves their interpreters, runs them one after another with the store as cache, and
 * tells the reporters. Options that cannot run as given (such as `adaptive` with `shard`) are refused before
 * anything is read: it rejects with a `SuiteOptionsError` that lists every problem, and no reporter is told.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const problems = checkSuiteOptions(options);
  if (problems.length > 0) throw new SuiteOptionsError(problems);
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const reporters = options.reporters ?? [];
  const finish = async ({ errors, ...concluded }: ConcludedSuite): Promise<SuiteResult> => {
    const interpreterComparisons = compareInterpreters(concluded.programs);
    const result: SuiteResult = {
      ...concluded,
      interpreterComparisons,
      spend: runSpend(concluded.programs),
      errors,
      startedAt,
      durationMs: clock() - startedAt,
    };
    for (const reporter of reporters) await reporter.onSuiteEnd?.(result);
    return result;
  };

  const prepared = await prepareSuite(options, startedAt);
  if (!prepared.ok) return finish({ status: 'error', loaded: prepared.loaded, programs: [], errors: prepared.errors });
  const { suite } = prepared;
  const claim = suite.store?.startRun({
    id: suite.runId,
    command: { argv: options.argv ?? [], cwd: options.cwd, plan: suite.plan },
    ...(options.shard ? { shard: options.shard } : {}),
  });
  if (claim && !claim.claimed) {
    suite.store?.close();
    return finish({
      status: 'error',
      loaded: suite.loaded,
      programs: [],
      errors: [runHeldError(suite.runId, claim.owner)],
    });
  }
  for (const reporter of reporters) await reporter.onSuiteStart?.({ files: suite.files });
  const run = await runPrograms(suite, options, clock);
  const concluded = await concludeSuite(suite, run, options);
  suite.store?.close();
  return finish(concluded);
}
