import type { Reporter, SerializedError, TestModule, TestRunEndReason, TestSuite } from 'vitest/node';

/** The counts of the closing line. */
export interface ClosingCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The first line of an error's message, for a one-line account of it. */
function firstLine(error: SerializedError): string {
  return (error.message ?? String(error)).split('\n')[0] ?? '';
}

/**
 * Counts a run's outcome: every test that passed, failed or was skipped, and, as failures too, every error that no
 * test owns (a test file that failed to load, a suite whose hook threw, an unhandled error) with a line saying what
 * failed. A run that failed is never counted as `0 failed`: a failure that left no trace at all counts as one.
 */
export function closingCounts(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): { counts: ClosingCounts; failures: string[] } {
  const counts: ClosingCounts = { passed: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  for (const testModule of testModules) {
    for (const test of testModule.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') counts.failed++;
      else if (state === 'skipped') counts.skipped++;
    }
    const owners: (TestModule | TestSuite)[] = [testModule, ...testModule.children.allSuites()];
    for (const owner of owners) {
      const where =
        owner.type === 'module' ? owner.relativeModuleId : `${owner.module.relativeModuleId} > ${owner.fullName}`;
      for (const error of owner.errors()) {
        counts.failed++;
        const what =
          owner.type === 'module' && !testModule.children.size ? 'failed to load' : 'failed outside its tests';
        failures.push(`${where} ${what}: ${firstLine(error)}`);
      }
    }
  }
  for (const error of unhandledErrors) {
    counts.failed++;
    failures.push(`unhandled error: ${firstLine(error)}`);
  }
  if (reason !== 'passed' && counts.failed === 0) {
    counts.failed++;
    const what = reason === 'interrupted' ? 'was interrupted' : 'failed';
    failures.push(`the run ${what} before any test could fail (see the errors above)`);
  }
  return { counts, failures };
}

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after vitest's own summary, preceded by a
 * line for each failure that is not a test's own.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    const { counts, failures } = closingCounts(testModules, unhandledErrors, reason);
    for (const failure of failures) process.stdout.write(`Failed: ${failure}\n`);
    process.stdout.write(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
