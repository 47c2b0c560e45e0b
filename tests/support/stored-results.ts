import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from './run-cli.js';

/** How many verified samples the store holds in all; 0 while it has not been created. */
export function resultCount(storePath: string): number {
  try {
    const database = new Database(storePath, { readonly: true, timeout: 1000 });
    try {
      return (database.prepare('SELECT COUNT(*) AS count FROM results').get() as { count: number }).count;
    } finally {
      database.close();
    }
  } catch {
    return 0; // not created yet
  }
}

export const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Starts `informal <args>` as a child process, waits until it has stored some samples, and kills it with SIGKILL
 * `delayMs` later: no handler runs, so the run is left as the process last wrote it.
 */
export async function killMidRun(
  args: readonly string[],
  options: { readonly cwd: string; readonly store: string; readonly delayMs?: number },
): Promise<void> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/informal.js'), ...args], {
    cwd: options.cwd,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // The wait is long because a busy machine can take many seconds to start a child process.
  const deadline = Date.now() + 90_000;
  while (resultCount(options.store) === 0 && child.exitCode === null && Date.now() < deadline) await sleep(5);
  await sleep(options.delayMs ?? 0);
  child.kill('SIGKILL');
  await exited;
}

/** The status the store records for a run: running, interrupted or complete; undefined for no such run. */
export function storedRunStatus(storePath: string, runId: string): string | undefined {
  const database = new Database(storePath, { readonly: true });
  try {
    return database.prepare<[string], { status: string }>('SELECT status FROM runs WHERE id = ?').get(runId)?.status;
  } finally {
    database.close();
  }
}
