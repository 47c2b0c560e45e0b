// The thread that runs JavaScript in QuickJS for the main thread: one execution at a time, so that code which
// holds a single QuickJS call past its deadline blocks this thread only, and the main thread can terminate it.
import { parentPort, workerData } from 'node:worker_threads';
import { newQuickJSWASMModule, newVariant, type QuickJSWASMModule, RELEASE_SYNC } from 'quickjs-emscripten';
import type { SandboxLimits, SandboxOutcome, TestVerdict } from './code-sandbox.js';
import { executeJavaScript } from './quickjs-execution.js';

/** What the main thread sends: one execution. */
export interface WorkerRequest {
  readonly id: number;
  readonly code: string;
  readonly tests: readonly string[];
  readonly limits: SandboxLimits;
}

/** What this thread answers: `ready` once, then verdicts as they are decided and one `end` per request. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'verdict'; readonly id: number; readonly verdict: TestVerdict }
  | { readonly type: 'end'; readonly id: number; readonly outcome: SandboxOutcome };

/** Shared with the main thread: [0] holds the id of an execution to stop. */
export interface WorkerData {
  readonly cancel: Int32Array;
}

/** The memory QuickJS's module starts with (its stack, data and first heap), in 64 KB pages. */
const basePages = 256;
/** WebAssembly's 32-bit memory ends at 2 GB (32,768 pages). */
const maximumPages = 32_768;
const pageBytes = 65_536;

const { cancel } = workerData as WorkerData;

/** The part of WebAssembly's `Memory` used here (this project's TypeScript library does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const { Memory } = (
  globalThis as unknown as {
    WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory };
  }
).WebAssembly;

/** A module with the memory of one limit: its WebAssembly memory cannot grow past the base and the limit. */
interface SizedModule {
  readonly module: QuickJSWASMModule;
  readonly memory: WasmMemory;
  readonly maximumBytes: number;
  /** Set when the module asked for more memory than its maximum allows (QuickJS's allocation then failed). */
  growthFailed: boolean;
  /** The paths to the built-ins, found by the module's first execution. */
  readonly intrinsics: { paths?: string };
}

const modules = new Map<number, SizedModule>();

async function moduleFor(memoryMb: number): Promise<SizedModule> {
  const existing = modules.get(memoryMb);
  if (existing) return existing;
  const pages = Math.min(maximumPages, basePages + memoryMb * 16);
  const memory = new Memory({ initial: basePages, maximum: pages });
  const module = await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
  const sized: SizedModule = { module, memory, maximumBytes: pages * pageBytes, growthFailed: false, intrinsics: {} };
  // Emscripten grows the memory through this method and turns its RangeError into a failed allocation.
  const grow = memory.grow.bind(memory);
  memory.grow = (more: number) => {
    try {
      return grow(more);
    } catch (error) {
      sized.growthFailed = true;
      throw error;
    }
  };
  // Keep at most two sizes: runs use one memory limit, rarely more.
  if (modules.size >= 2) modules.delete(modules.keys().next().value as number);
  modules.set(memoryMb, sized);
  return sized;
}

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  const sized = await moduleFor(request.limits.memoryMb);
  sized.growthFailed = false;
  const decided: TestVerdict[] = [];
  let outcome: SandboxOutcome;
  let broken = false;
  try {
    outcome = executeJavaScript(sized.module, request.code, request.tests, request.limits, {
      cancelled: () => Atomics.load(cancel, 0) === request.id,
      memoryExhausted: () => sized.growthFailed,
      intrinsics: sized.intrinsics,
      onVerdict: (verdict) => {
        decided.push(verdict);
        post({ type: 'verdict', id: request.id, verdict });
      },
      onModuleFailed: () => {
        broken = true;
      },
    });
  } catch (error) {
    broken = true;
    const message = error instanceof Error ? error.message : String(error);
    outcome = {
      kind: 'stopped',
      reason: `the JavaScript runtime failed (${message.slice(0, 200)})`,
      verdicts: decided,
    };
  }
  // A module that failed is dropped, and so is one whose memory grew past half its limit, so that its memory
  // returns to the system and the next execution has its whole limit.
  const grown = sized.memory.buffer.byteLength - basePages * pageBytes;
  if (broken || grown > (sized.maximumBytes - basePages * pageBytes) / 2) {
    modules.delete(request.limits.memoryMb);
  }
  post({ type: 'end', id: request.id, outcome });
}

let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue
    .then(() => handle(request))
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const reason = `the JavaScript runtime could not start (${message.slice(0, 200)})`;
      post({ type: 'end', id: request.id, outcome: { kind: 'stopped', reason, verdicts: [] } });
    });
});

moduleFor(256).then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
