import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot, runVitest, testsByName } from '../src/vitest/testing/run-vitest.js';

describe('examples/vitest', () => {
  test('`npx vitest run` in the example runs its .prog files as tests, and its matcher tests, and passes', () => {
    const run = runVitest(join(repoRoot, 'examples/vitest'), { npx: true });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const report = run.report;
    if (!report) throw new Error(`vitest wrote no JSON report:\n${run.stdout}\n${run.stderr}`);
    const tests = testsByName(report);
    // Each expectation of each program is one test, under a describe named after the program.
    for (const name of [
      'capitals [sim:large] > expect pass@1 >= 0.5',
      'capitals [sim:large] > expect pass@10 >= 0.8',
      'capitals [sim:large] > case "france" > expect pass@1 >= 0.8',
      'sentiment [sim:large] > expect pass@1 >= 0.5',
      'sentiment [sim:large] > expect pass^2 >= 0.3',
    ]) {
      expect(tests.get(name)?.status, name).toBe('passed');
    }
    const files = report.testResults.map((file) => file.name.slice(join(repoRoot, 'examples/vitest/').length)).sort();
    expect(files).toEqual(['programs.test.ts', 'programs/capitals.prog', 'programs/sentiment.prog']);
    const matcherTests = report.testResults.find((file) => file.name.endsWith('programs.test.ts'));
    expect(matcherTests?.assertionResults.length).toBeGreaterThan(0);
    expect(matcherTests?.assertionResults.every((assertion) => assertion.status === 'passed')).toBe(true);
    expect(report.success).toBe(true);
  });

  test("the example's TypeScript checks against the package's published types, matchers included", () => {
    // Types come from dist/vitest/*.d.ts through the package's `exports`, as a user's project gets them.
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'examples/vitest')],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});
