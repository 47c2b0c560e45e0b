import { spawn } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkNamespaceAvailable } from './network-isolation.js';

/** A language run in a child process (JavaScript runs in QuickJS instead: see `createJavaScriptSandbox`). */
export type SandboxLanguage = 'python';

/** What to run and within which limits. */
export interface SandboxRequest {
  readonly language: SandboxLanguage;
  /** Files to write into the fresh temporary working directory, by name. */
  readonly files: Readonly<Record<string, string>>;
  /** The file to run, one of `files`, and its arguments. */
  readonly entry: string;
  readonly args: readonly string[];
  /** Wall time after which the process group is killed. */
  readonly timeoutMs: number;
  /** Memory for the program: its address space, with 64 MB for the interpreter. */
  readonly memoryMb: number;
}

/** How a sandboxed process ended. */
export interface SandboxResult {
  /** The exit code, or `null` when a signal ended the process. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the wall-time limit killed it. */
  readonly timedOut: boolean;
  /** The first `outputLimit` characters of each stream. */
  readonly stdout: string;
  readonly stderr: string;
  /** What isolated the network: a namespace of its own, or only in-process blocks. */
  readonly network: 'namespace' | 'in-process';
}

/** The most output kept from each stream: enough for results and an error, never a memory bomb of its own. */
const outputLimit = 256 * 1024;

/** The largest file a sandboxed program may write, in 512-byte blocks (dash's unit): 64 MB. */
const fileSizeBlocks = 131_072;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `task` when fewer sandboxes than cores are running, so many samples do not start hundreds of processes. */
async function withSlot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= availableParallelism()) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** The command line that runs the entry file under the language's own limits. */
function command(request: SandboxRequest): { runtime: string; args: string[]; addressSpaceMb: number } {
  switch (request.language) {
    case 'python':
      return {
        runtime: 'python3',
        args: ['-I', request.entry, ...request.args],
        addressSpaceMb: request.memoryMb + 64,
      };
    default:
      return request.language satisfies never;
  }
}

/**
 * Runs a program in a child process: a fresh temporary working directory (removed afterwards), a minimal
 * environment, `ulimit -v` on its address space, `ulimit -f` on the files it writes, a network namespace of its
 * own when `unshare -n` is permitted, and a wall-time limit after which its whole process group is killed.
 * Reading files outside the directory is blocked by the harness's audit hook. Never rejects for the program's sake: a crash or a kill is in the result.
 */
export function runSandboxed(request: SandboxRequest): Promise<SandboxResult> {
  return withSlot(async () => {
    const directory = await realpath(await mkdtemp(join(tmpdir(), 'informal-sandbox-')));
    try {
      for (const [name, content] of Object.entries(request.files)) await writeFile(join(directory, name), content);
      const isolated = await networkNamespaceAvailable();
      const { runtime, args, addressSpaceMb } = command(request);
      const limits = ['sh', '-c', 'ulimit -v "$1" && ulimit -f "$2" && ulimit -c 0 && shift 2 && exec "$@"', 'sh'];
      const argv = [
        ...(isolated ? ['unshare', '-n'] : []),
        ...limits,
        String(addressSpaceMb * 1024),
        String(fileSizeBlocks),
        runtime,
        ...args,
      ];
      return await new Promise<SandboxResult>((resolve) => {
        const child = spawn(argv[0] as string, argv.slice(1), {
          cwd: directory,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: directory,
            LANG: 'C.UTF-8',
            PYTHONIOENCODING: 'utf-8',
          },
        });
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          if (stdout.length < outputLimit) stdout += chunk.slice(0, outputLimit - stdout.length);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          if (stderr.length < outputLimit) stderr += chunk.slice(0, outputLimit - stderr.length);
        });
        const killGroup = () => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        };
        const timer = setTimeout(() => {
          timedOut = true;
          killGroup();
        }, request.timeoutMs);
        child.on('error', (error) => {
          clearTimeout(timer);
          resolve({
            exitCode: null,
            signal: null,
            timedOut,
            stdout,
            stderr: `${stderr}${error.message}`,
            network: isolated ? 'namespace' : 'in-process',
          });
        });
        child.on('close', (exitCode, signal) => {
          clearTimeout(timer);
          // Anything the program left running in its group goes with it.
          killGroup();
          resolve({ exitCode, signal, timedOut, stdout, stderr, network: isolated ? 'namespace' : 'in-process' });
        });
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
}
