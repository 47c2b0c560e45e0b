import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { vitestBin, vitestEnvironment } from './run-vitest.js';

/** A `vitest --watch` child process, read as it writes. */
export interface WatchingVitest {
  /** Everything it wrote so far, standard output and standard error interleaved in the order it wrote them. */
  output(): string;
  /**
   * Resolves with the output written after `from` (an offset into `output()`) once `pattern` matches it; rejects
   * after `timeoutMs`, or when the process ends first, with the output so far.
   */
  waitFor(pattern: RegExp, from: number, timeoutMs: number): Promise<string>;
  /** Ends the process and the workers it started, and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `vitest --watch` in `cwd` (this repository's vitest, by its path). The child leads a process group of its
 * own, so that `stop` ends its test workers with it and nothing else.
 */
export function watchVitest(cwd: string, args: readonly string[] = []): WatchingVitest {
  // Standard error goes into the pipe of standard output (`2>&1`), so that what vitest writes to each reaches the
  // parent in the order it was written: with two pipes, the idle line (standard output) can be read before the
  // failures printed above it (standard error).
  const child: ChildProcess = spawn(
    '/bin/sh',
    ['-c', 'exec "$0" "$@" 2>&1', process.execPath, vitestBin, '--watch', ...args],
    {
      cwd,
      env: vitestEnvironment(),
      detached: true,
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  let text = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  const exit = once(child, 'exit').then(() => {
    exited = true;
    for (const listener of listeners) listener();
  });

  const signal = (name: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // The group is gone already.
    }
  };

  return {
    output: () => text,
    waitFor(pattern, from, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const after = text.slice(from);
          if (pattern.test(after)) {
            done();
            resolve(after);
          } else if (exited) {
            done();
            reject(new Error(`vitest exited before writing ${pattern}; it wrote:\n${text}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`vitest wrote no ${pattern} within ${timeoutMs} ms; it wrote:\n${text}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (!exited) signal('SIGTERM');
      const killer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
      // Workers that outlived their parent go with their group.
      signal('SIGKILL');
    },
  };
}
