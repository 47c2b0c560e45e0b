import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './run-cli.js';

const buildScript = join(repoRoot, 'tests/support/build-if-changed.mjs');

/** Whether util-linux's `flock` is here, to hold the build lock with. */
const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Builds dist/ once before the tests, so that end-to-end tests run the command exactly as users get it. The build is
 * skipped when dist/ is built from the current sources, and runs under an exclusive lock: a second test run in the
 * same checkout waits for the first one's build instead of replacing dist/ under its running tests.
 */
export default function setup(): void {
  if (!hasFlock) {
    execFileSync(process.execPath, [buildScript], { stdio: 'inherit' });
    return;
  }
  const lock = join(
    tmpdir(),
    `informal-build-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 16)}.lock`,
  );
  execFileSync('flock', [lock, process.execPath, buildScript], { stdio: 'inherit' });
}
