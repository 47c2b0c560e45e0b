import { type ChildProcess, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** The status the store records for a run: running, interrupted or complete; undefined for no such run. */
export function storedRunStatus(storePath: string, runId: string): string | undefined {
  const database = new Database(storePath, { readonly: true });
  try {
    return database.prepare<[string], { status: string }>('SELECT status FROM runs WHERE id = ?').get(runId)?.status;
  } finally {
    database.close();
  }
}

/** The latest run the store holds; undefined while it holds none (or does not exist yet). */
export function latestRunId(storePath: string): string | undefined {
  try {
    const database = new Database(storePath, { readonly: true, timeout: 1000 });
    try {
      return database.prepare<[], { id: string }>('SELECT id FROM runs ORDER BY created_at DESC, id DESC LIMIT 1').get()
        ?.id;
    } finally {
      database.close();
    }
  } catch {
    return undefined;
  }
}

/** Bounds of a wait for the store: they only decide when a wait that cannot end fails, never what a test sees. */
export interface StoreWaitBounds {
  /** The most times the store is read. Defaults to 5,000. */
  readonly maxReads?: number;
  /** A store that shows no change for this long is read again anyway, in milliseconds. Defaults to 100. */
  readonly quietMs?: number;
}

/**
 * Resolves once `ready()` holds of the store at `storePath`, written by `child`. The store is read when its folder
 * changes (a commit writes the store's -wal file), and once more after each `quietMs` without a change, because
 * SQLite makes a commit visible to readers just after its last write to the file. Rejects, with what the store
 * showed, when the child exits first or after `maxReads` reads.
 */
export function waitForStore(
  storePath: string,
  child: ChildProcess,
  ready: () => boolean,
  describe: () => string,
  bounds: StoreWaitBounds = {},
): Promise<void> {
  const maxReads = bounds.maxReads ?? 5_000;
  const quietMs = bounds.quietMs ?? 100;
  return new Promise<void>((resolve, reject) => {
    let reads = 0;
    let settled = false;
    let quiet: NodeJS.Timeout | undefined;
    const watcher = watch(dirname(storePath), () => check());
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`the run ended (${signal ?? `exit ${code}`}) before the store showed it; ${describe()}`));
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(quiet);
      watcher.close();
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    function check(): void {
      if (settled) return;
      reads++;
      if (ready()) finish();
      else if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
      else if (reads >= maxReads) finish(new Error(`the store did not show it after ${reads} reads; ${describe()}`));
      else {
        clearTimeout(quiet);
        quiet = setTimeout(check, quietMs);
      }
    }
    child.on('exit', onExit);
    check();
  });
}

/** `informal <args>` started as a child process, with what it wrote to standard error so far. */
export interface InformalChild {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  /** Resolves once its standard error matches `pattern`; rejects, with what it wrote, if it exits first. */
  untilStderr(pattern: RegExp): Promise<void>;
}

/** Starts the built `informal <args>` in `cwd`, without colours, reading its standard error. */
export function startInformal(args: readonly string[], cwd: string): InformalChild {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/informal.js'), ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const untilStderr = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stderr)) return;
        child.stderr?.off('data', check);
        resolve();
      };
      child.stderr?.on('data', check);
      check();
      void exited.then(() => {
        if (pattern.test(stderr)) resolve();
        else reject(new Error(`informal exited without writing ${pattern}; it wrote: ${stderr}`));
      });
    });
  return { child, exited, stderr: () => stderr, untilStderr };
}
