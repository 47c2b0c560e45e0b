import { availableParallelism } from 'node:os';
import type { CodeSandbox, SandboxLimits, SandboxOutcome } from './code-sandbox.js';
import { networkNamespaceAvailable } from './network-isolation.js';
import {
  type PythonJob,
  type PythonProcessSetup,
  PythonSandboxProcess,
  pythonProcessSetup,
} from './python-sandbox-process.js';

/** A Python sandbox holding warm child processes; `close()` ends them. */
export interface PythonSandbox extends CodeSandbox {
  readonly language: 'python';
  /** Kills every child process and waits for their exits; later runs start new ones. */
  close(): Promise<void>;
}

/** Settings of the pool. */
export interface PythonSandboxOptions {
  /** The most child processes at once. Default and maximum: `availableParallelism()`. */
  readonly processes?: number;
  /** How long a child may take to load Pyodide before its job fails, in ms. Default 120000 (a loaded machine). */
  readonly startupTimeoutMs?: number;
  /** How long after the deadline a child that has not stopped the code itself is killed, in ms. Default 1000. */
  readonly graceMs?: number;
  /**
   * How many executions a child runs before it is replaced. Default 500. The interpreter is restored after each
   * one; the child's JavaScript realm is not, so this bounds how long a realm that code might have reached serves.
   */
  readonly executionsPerProcess?: number;
}

interface Waiting {
  readonly memoryMb: number;
  readonly resolve: (worker: PythonSandboxProcess | undefined) => void;
}

/**
 * Runs Python in Pyodide (CPython compiled to WebAssembly) inside warm child processes, at most one per core. Each
 * execution starts from the same pristine interpreter: the child copies the WebAssembly memory taken after start-up
 * back over the interpreter after every execution, and exits instead when the execution changed its file system,
 * reached the memory limit or crashed. Verdicts are decided by the harness's JavaScript from the exceptions the tests
 * raise, never from what Python prints, and come back signed over the IPC channel.
 */
export function createPythonSandbox(options: PythonSandboxOptions = {}): PythonSandbox {
  const maxProcesses = Math.max(1, Math.min(options.processes ?? availableParallelism(), availableParallelism()));
  const startupTimeoutMs = options.startupTimeoutMs ?? 120_000;
  const graceMs = options.graceMs ?? 1000;
  const executionsPerProcess = options.executionsPerProcess ?? 500;
  const processes = new Set<PythonSandboxProcess>();
  const idle = new Set<PythonSandboxProcess>();
  const waiting: Waiting[] = [];
  let setup: Promise<PythonProcessSetup> | undefined;
  let found: PythonProcessSetup | undefined;

  function start(where: PythonProcessSetup, memoryMb: number): PythonSandboxProcess {
    const child = new PythonSandboxProcess(where, memoryMb);
    processes.add(child);
    void child.exited.then(() => {
      processes.delete(child);
      idle.delete(child);
      dispatch();
    });
    return child;
  }

  /** Hands idle or new processes to waiting runs, replacing an idle process of another memory limit if need be. */
  function dispatch(): void {
    for (const request of [...waiting]) {
      const match = [...idle].find((child) => child.memoryMb === request.memoryMb && child.running);
      if (match) {
        idle.delete(match);
        waiting.splice(waiting.indexOf(request), 1);
        request.resolve(match);
        continue;
      }
      if (processes.size >= maxProcesses) {
        const other = [...idle].find((child) => child.memoryMb !== request.memoryMb);
        if (!other) continue;
        idle.delete(other);
        void other.kill();
        continue;
      }
      waiting.splice(waiting.indexOf(request), 1);
      request.resolve(found ? start(found, request.memoryMb) : undefined);
    }
  }

  function acquire(memoryMb: number, signal?: AbortSignal): Promise<PythonSandboxProcess | undefined> {
    return new Promise((resolve) => {
      const request: Waiting = { memoryMb, resolve };
      signal?.addEventListener(
        'abort',
        () => {
          const at = waiting.indexOf(request);
          if (at >= 0) waiting.splice(at, 1);
          resolve(undefined);
        },
        { once: true },
      );
      waiting.push(request);
      dispatch();
    });
  }

  function release(child: PythonSandboxProcess, spent: boolean): void {
    if (spent || !child.running || child.executions >= executionsPerProcess) {
      void child.kill();
    } else {
      idle.add(child);
      dispatch();
    }
  }

  async function waitReady(child: PythonSandboxProcess): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), startupTimeoutMs);
    });
    const ready = await Promise.race([child.ready, timedOut]);
    clearTimeout(timer);
    return ready;
  }

  return {
    language: 'python',
    async run(code: string, tests: readonly string[], limits: SandboxLimits, signal?: AbortSignal) {
      const stopped = (reason: string): SandboxOutcome => ({ kind: 'stopped', reason, verdicts: [] });
      if (signal?.aborted) return stopped('cancelled');
      const memoryMb = Math.max(1, Math.round(limits.memoryMb));
      setup ??= networkNamespaceAvailable().then((available) => pythonProcessSetup(available));
      try {
        found = await setup;
      } catch (error) {
        return stopped(`the Python runtime could not start: ${error instanceof Error ? error.message : error}`);
      }
      const child = await acquire(memoryMb, signal);
      if (!child) return stopped(signal?.aborted ? 'cancelled' : 'the Python runtime could not start');
      if (!(await waitReady(child))) {
        const reason = child.lastError;
        await child.kill();
        return stopped(`the Python runtime could not start${reason ? `: ${reason}` : ''}`);
      }
      if (signal?.aborted) {
        release(child, false);
        return stopped('cancelled');
      }
      const job: PythonJob = { code, tests, timeoutMs: limits.timeoutMs };
      const result = await child.run(job, graceMs, signal);
      release(child, result.spent);
      return result.outcome;
    },
    async close() {
      for (const request of waiting.splice(0)) request.resolve(undefined);
      await Promise.all([...processes].map((child) => child.kill()));
    },
  };
}
