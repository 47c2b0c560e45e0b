import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CodeSandbox, SandboxLimits, SandboxOutcome, TestVerdict } from './code-sandbox.js';
import type { WorkerData, WorkerMessage, WorkerRequest } from './quickjs-worker.js';

/** Options of the JavaScript sandbox. */
export interface JavaScriptSandboxOptions {
  /** Threads that run QuickJS side by side. Default: the number of cores, at most 8. */
  readonly threads?: number;
  /**
   * Time past `timeoutMs` after which a thread that has not answered is terminated, in milliseconds. QuickJS's
   * interrupt handler normally stops the code at `timeoutMs`; this catches a single call that never polls it.
   * Default: half of `timeoutMs`, at least 1000.
   */
  readonly graceMs?: (timeoutMs: number) => number;
}

/** The compiled thread beside this module (in the built package), or its TypeScript source (in this repository). */
const compiledEntry = new URL('./quickjs-worker.js', import.meta.url);
const sourceEntry = new URL('./quickjs-worker.ts', import.meta.url);

/** The native stack of each thread: room for QuickJS's own 4 MB limit, whose frames are larger in WebAssembly. */
const threadStackMb = 32;

function startThread(data: WorkerData): Worker {
  // execArgv: [] so that the thread does not inherit flags meant for the main script (`--input-type`, loaders).
  const options = { workerData: data, execArgv: [], resourceLimits: { stackSizeMb: threadStackMb } };
  if (existsSync(fileURLToPath(compiledEntry))) return new Worker(compiledEntry, options);
  // From the TypeScript source, the thread registers tsx's loader first (threads do not inherit it).
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(sourceEntry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** One execution, queued or running. */
interface Job {
  readonly request: WorkerRequest;
  readonly verdicts: TestVerdict[];
  readonly resolve: (outcome: SandboxOutcome) => void;
  readonly signal?: AbortSignal;
  onAbort?: () => void;
  timer?: NodeJS.Timeout;
}

/** One thread and what it is doing. */
interface Slot {
  readonly worker: Worker;
  readonly cancel: Int32Array;
  ready: boolean;
  job?: Job;
}

/**
 * Runs JavaScript in QuickJS compiled to WebAssembly: a fresh runtime and context per execution, on a pool of
 * worker threads. The code reaches no file, process, network, timer or host object: its global scope holds
 * ECMAScript's built-ins, a `console` that counts what it prints, and `assert`. Memory, stack, time and output are
 * limited from outside the code, and each verdict is read by the host from a QuickJS handle. A thread that does
 * not answer by the deadline and a grace period is terminated and replaced.
 */
export function createJavaScriptSandbox(options: JavaScriptSandboxOptions = {}): CodeSandbox {
  const size = Math.max(1, Math.min(8, options.threads ?? availableParallelism()));
  const grace = options.graceMs ?? ((timeoutMs: number) => Math.max(1000, timeoutMs / 2));
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;

  const busy = () => queue.length > 0 || slots.some((slot) => slot.job !== undefined);
  /** Threads keep the process alive only while there is work for them. */
  const holdProcess = () => {
    for (const slot of slots) busy() ? slot.worker.ref() : slot.worker.unref();
  };

  const finish = (slot: Slot | undefined, job: Job, outcome: SandboxOutcome) => {
    clearTimeout(job.timer);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (slot && slot.job === job) slot.job = undefined;
    job.resolve(outcome);
  };

  const replace = (slot: Slot) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
  };

  const spawn = (): Slot => {
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const slot: Slot = { worker: startThread({ cancel }), cancel, ready: false };
    slot.worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          slot.ready = true;
          break;
        case 'failed':
          replace(slot);
          failQueued(message.message);
          break;
        case 'verdict':
          if (slot.job?.request.id === message.id) slot.job.verdicts.push(message.verdict);
          return;
        case 'end':
          if (slot.job?.request.id === message.id) finish(slot, slot.job, message.outcome);
          break;
        default:
          message satisfies never;
      }
      dispatch();
    });
    const lost = (detail: string) => {
      const job = slot.job;
      replace(slot);
      if (job)
        finish(undefined, job, {
          kind: 'stopped',
          reason: `the JavaScript runtime failed (${detail})`,
          verdicts: job.verdicts,
        });
      if (!slot.ready) failQueued(detail);
      dispatch();
    };
    slot.worker.on('error', (error) => lost(error.message.slice(0, 200)));
    slot.worker.on('exit', (code) => lost(`its thread exited with code ${code}`));
    slots.push(slot);
    return slot;
  };

  /** Fails the queued executions with the reason a thread could not start; the next execution tries again. */
  const failQueued = (detail: string) => {
    const reason = `the JavaScript runtime could not start (${detail})`;
    for (const job of queue.splice(0)) finish(undefined, job, { kind: 'stopped', reason, verdicts: [] });
  };

  const dispatch = () => {
    while (queue.length > 0) {
      const slot = slots.find((candidate) => candidate.ready && candidate.job === undefined);
      if (!slot) {
        const starting = slots.filter((candidate) => !candidate.ready).length;
        for (let more = Math.min(queue.length - starting, size - slots.length); more > 0; more--) spawn();
        break;
      }
      const job = queue.shift() as Job;
      slot.job = job;
      const { timeoutMs } = job.request.limits;
      job.timer = setTimeout(() => {
        replace(slot);
        finish(undefined, job, { kind: 'stopped', reason: `timed out after ${timeoutMs} ms`, verdicts: job.verdicts });
        dispatch();
      }, timeoutMs + grace(timeoutMs));
      slot.worker.postMessage(job.request);
    }
    holdProcess();
  };

  return {
    language: 'javascript',
    run(code: string, tests: readonly string[], limits: SandboxLimits, signal?: AbortSignal) {
      return new Promise<SandboxOutcome>((resolve) => {
        if (signal?.aborted) {
          resolve({ kind: 'stopped', reason: 'cancelled', verdicts: [] });
          return;
        }
        const request: WorkerRequest = { id: nextId++, code, tests, limits };
        const job: Job = { request, verdicts: [], resolve, signal };
        if (signal) {
          job.onAbort = () => {
            const queued = queue.indexOf(job);
            if (queued >= 0) {
              queue.splice(queued, 1);
              finish(undefined, job, { kind: 'stopped', reason: 'cancelled', verdicts: [] });
              holdProcess();
              return;
            }
            const slot = slots.find((candidate) => candidate.job === job);
            if (slot) Atomics.store(slot.cancel, 0, request.id);
          };
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        dispatch();
      });
    },
  };
}
