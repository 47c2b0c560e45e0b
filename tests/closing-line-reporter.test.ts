import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, vitestBin, vitestEnvironment } from '../src/vitest/testing/run-vitest.js';
import { tempFolder } from './support/temp-folder.js';

const reporter = join(repoRoot, 'tests/support/closing-line-reporter.ts');

/** Runs vitest in `folder` with the default reporter and the closing line, and returns its exit code and output. */
function runWithClosingLine(folder: string, filter: string[] = []): { status: number | null; lines: string[] } {
  const result = spawnSync(
    process.execPath,
    [vitestBin, 'run', ...filter, '--reporter=default', `--reporter=${reporter}`],
    { cwd: folder, encoding: 'utf8', env: vitestEnvironment() },
  );
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.split('\n') };
}

const closing = (lines: string[]) => lines.filter((line) => /^(Tests|Failed): /.test(line));

describe('the closing line of the suite', () => {
  const folder = tempFolder({
    'vitest.config.mjs': 'export default {};\n',
    'pass.test.ts': "import { it } from 'vitest';\nit('passes', () => {});\nit.skip('is skipped', () => {});\n",
    'broken.test.ts': [
      "import { it } from 'vitest';",
      "throw new Error('cannot load: a fixture is missing');",
      "it('never runs', () => {});",
    ].join('\n'),
    'hook.test.ts': [
      "import { beforeAll, describe, it } from 'vitest';",
      "describe('a suite', () => {",
      "  beforeAll(() => { throw new Error('the set-up failed'); });",
      "  it('needs the set-up', () => {});",
      '});',
    ].join('\n'),
    'unhandled.test.ts': [
      "import { it } from 'vitest';",
      "it('leaves a rejection behind', () => { void Promise.reject(new Error('nobody waited')); });",
    ].join('\n'),
  });

  it('counts a file that failed to load, a failed hook and an unhandled error as failures, each named', () => {
    const run = runWithClosingLine(folder);
    expect(run.status).toBe(1);
    expect(closing(run.lines)).toEqual([
      'Failed: broken.test.ts failed to load: cannot load: a fixture is missing',
      'Failed: hook.test.ts > a suite failed outside its tests: the set-up failed',
      'Failed: unhandled error: nobody waited',
      'Tests: 2 passed, 3 failed, 2 skipped',
    ]);
  });

  it('says 0 failed for a run that passed, and never for one that failed before any test ran', () => {
    const passed = runWithClosingLine(folder, ['pass.test.ts']);
    expect(passed.status).toBe(0);
    expect(closing(passed.lines)).toEqual(['Tests: 1 passed, 0 failed, 1 skipped']);
    const nothing = runWithClosingLine(folder, ['no-such-file']);
    expect(nothing.status).toBe(1);
    expect(closing(nothing.lines)).toEqual([
      'Failed: the run failed before any test could fail (see the errors above)',
      'Tests: 0 passed, 1 failed, 0 skipped',
    ]);
  });
});
