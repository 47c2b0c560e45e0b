import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { SandboxOutcome } from './code-sandbox.js';

/** How a child is started: found once per host process. */
export interface PythonProcessSetup {
  /** The real folder of the pyodide package, the only files the child may read besides its entry. */
  readonly pyodideFolder: string;
  /** The child's entry file. */
  readonly workerFile: string;
  /** `unshare`'s path when the child gets a network namespace of its own, else undefined. */
  readonly unshare: string | undefined;
}

/** The V8 heap of a child: Pyodide's JavaScript side only; Python's memory is the WebAssembly memory. */
const javascriptHeapMb = 256;
/** WebAssembly memory the interpreter itself takes before any code runs, added to the execution's limit. */
export const interpreterMemoryMb = 32;
/** The most of a child's stderr kept, to explain a crash. */
const stderrLimit = 4096;

/** Where the pyodide package and the child's entry are, and whether `unshare -n` works here. */
export function pythonProcessSetup(networkNamespace: boolean): PythonProcessSetup {
  const pyodideEntry = createRequire(import.meta.url).resolve('pyodide');
  const workerFile = realpathSync(fileURLToPath(new URL('./python-sandbox.worker.mjs', import.meta.url)));
  const unshare = networkNamespace
    ? (process.env.PATH ?? '/usr/bin:/bin')
        .split(delimiter)
        .map((folder) => join(folder, 'unshare'))
        .find((path) => existsSync(path))
    : undefined;
  return { pyodideFolder: realpathSync(dirname(pyodideEntry)), workerFile, unshare };
}

/** Node 22.13+ and 23.5+ call the permission model `--permission`; Node 20 calls it `--experimental-permission`. */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

const verdictSchema = z.strictObject({
  index: z.number().int().min(0),
  passed: z.boolean(),
  message: z.string().max(4000).optional(),
});
const resultSchema = z.strictObject({
  type: z.literal('result'),
  id: z.string(),
  outcome: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('finished'), verdicts: z.array(verdictSchema) }),
    z.strictObject({ kind: z.literal('stopped'), reason: z.string().max(4000), verdicts: z.array(verdictSchema) }),
  ]),
  recycle: z.boolean(),
  signature: z.string(),
});

/** One execution's request to a child. */
export interface PythonJob {
  readonly code: string;
  readonly tests: readonly string[];
  readonly timeoutMs: number;
}

/** What came back from a child for one job. */
export interface PythonJobResult {
  readonly outcome: SandboxOutcome;
  /** True when the child will not take another job (it exits, or it was killed). */
  readonly spent: boolean;
}

/**
 * One warm child process running Pyodide, started with no environment, Node's permission model (read access to the
 * pyodide package and its entry only, no child processes, workers, addons or inspector), no code generation from
 * strings, in its own process group and, where possible, its own network namespace. It runs jobs one at a time.
 */
export class PythonSandboxProcess {
  /** The WebAssembly memory limit of the code, in MB, fixed for the life of the child. */
  readonly memoryMb: number;
  /** Resolves true when the interpreter is loaded, false when the child ended before. */
  readonly ready: Promise<boolean>;
  /** Resolves when the child has exited. */
  readonly exited: Promise<void>;
  /** How many jobs this child has run. */
  executions = 0;
  private readonly child: ChildProcess;
  private readonly key = randomBytes(32).toString('hex');
  private stderr = '';
  private alive = true;
  private pending: ((message: unknown) => void) | undefined;

  constructor(setup: PythonProcessSetup, memoryMb: number) {
    this.memoryMb = memoryMb;
    const nodeArguments = [
      `--max-old-space-size=${javascriptHeapMb}`,
      permissionFlag(),
      `--allow-fs-read=${setup.pyodideFolder}`,
      `--allow-fs-read=${setup.workerFile}`,
      '--disallow-code-generation-from-strings',
      '--no-warnings',
      setup.workerFile,
      setup.pyodideFolder,
      String(memoryMb + interpreterMemoryMb),
      String(memoryMb),
    ];
    const [command, commandArguments] = setup.unshare
      ? [setup.unshare, ['-n', process.execPath, ...nodeArguments]]
      : [process.execPath, nodeArguments];
    this.child = spawn(command, commandArguments, {
      env: {},
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-stderrLimit);
    });
    this.exited = new Promise((resolve) => {
      this.child.once('close', () => {
        this.alive = false;
        this.pending?.(undefined);
        resolve();
      });
      this.child.once('error', () => {
        this.alive = false;
        this.pending?.(undefined);
        resolve();
      });
    });
    this.ready = new Promise((resolve) => {
      const onMessage = (message: unknown) => {
        if ((message as { type?: unknown } | null)?.type === 'ready') {
          this.child.off('message', onMessage);
          resolve(true);
        }
      };
      this.child.on('message', onMessage);
      void this.exited.then(() => resolve(false));
    });
    this.child.on('message', (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type === 'result') this.pending?.(message);
    });
    this.child.send({ key: this.key });
    this.idle();
  }

  /** Whether the child is running. */
  get running(): boolean {
    return this.alive;
  }

  /** The last error line the child wrote to stderr (at most 300 characters), to explain why it ended. */
  get lastError(): string {
    const lines = this.stderr.trim().split('\n');
    const line = lines.findLast((candidate) => /Error\b/.test(candidate) && candidate.length < 1000) ?? lines.at(-1);
    return (line ?? '').slice(0, 300);
  }

  /** Lets the host process exit while this child waits for work. */
  idle(): void {
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }

  private hold(): void {
    this.child.ref();
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  /** Kills the child's process group (the child and anything it started) and waits for the exit. */
  async kill(): Promise<void> {
    // Held while it dies, so that a caller awaiting the exit keeps this process running until then.
    this.hold();
    if (this.alive && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    await this.exited;
  }

  /**
   * Runs one job. The child interrupts the code itself at the deadline; if it has not answered `graceMs` later (code
   * in a C loop that never checks for interrupts), it is killed. An answer whose signature does not match the key
   * given to this child before any code ran is refused.
   */
  async run(job: PythonJob, graceMs: number, signal?: AbortSignal): Promise<PythonJobResult> {
    const id = randomUUID();
    this.executions++;
    this.hold();
    let killedFor: string | undefined;
    const stop = (reason: string) => {
      killedFor ??= reason;
      void this.kill();
    };
    const timer = setTimeout(() => stop(`timed out after ${job.timeoutMs} ms`), job.timeoutMs + graceMs);
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const message = await new Promise<unknown>((resolve) => {
        this.pending = resolve;
        if (!this.alive) resolve(undefined);
        else this.child.send({ type: 'run', id, code: job.code, tests: job.tests, timeoutMs: job.timeoutMs });
      });
      if (message === undefined) {
        await this.exited;
        return { outcome: { kind: 'stopped', reason: killedFor ?? this.deathReason(), verdicts: [] }, spent: true };
      }
      const parsed = resultSchema.safeParse(message);
      if (!parsed.success || parsed.data.id !== id || !this.signed(message as Record<string, unknown>)) {
        void this.kill();
        return {
          outcome: { kind: 'stopped', reason: 'the sandbox answered with a message it did not sign', verdicts: [] },
          spent: true,
        };
      }
      const outcome = parsed.data.outcome;
      const verdicts = outcome.verdicts.filter((verdict) => verdict.index < job.tests.length);
      return {
        outcome:
          outcome.kind === 'finished' && verdicts.length === job.tests.length
            ? { kind: 'finished', verdicts }
            : { kind: 'stopped', reason: outcome.kind === 'stopped' ? outcome.reason : 'verdicts missing', verdicts },
        spent: parsed.data.recycle,
      };
    } finally {
      this.pending = undefined;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.idle();
    }
  }

  private signed(message: Record<string, unknown>): boolean {
    const { signature, ...rest } = message;
    return createHmac('sha256', this.key).update(JSON.stringify(rest)).digest('hex') === signature;
  }

  private deathReason(): string {
    if (/heap out of memory|Array buffer allocation failed/i.test(this.stderr)) {
      return 'ran out of memory (the sandbox process reached its JavaScript heap limit)';
    }
    const last = this.lastError;
    const code = this.child.exitCode;
    const signal = this.child.signalCode;
    return `the sandbox process ended (${signal ?? `exit code ${code}`})${last ? `: ${last}` : ''}`;
  }
}
