import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
  VmCallResult,
} from 'quickjs-emscripten';
import type { SandboxLimits, SandboxOutcome, TestVerdict } from './code-sandbox.js';
import { quickjsAssertBinding, quickjsPrelude } from './quickjs-prelude.js';

/** The most the code may print (counted in characters) before it is stopped. */
export const outputLimitCharacters = 256 * 1024;

/** QuickJS's own stack limit (about 20,000 calls of a small function), within its 5 MB WebAssembly stack. */
export const quickjsStackBytes = 4 * 1024 * 1024;

/** Pending promise jobs run per call, between which the host checks its limits. */
const jobsPerTurn = 1000;

/** What the host watches while the code runs. */
export interface ExecutionWatch {
  /** True once the host wants the execution stopped (cancelled). Polled by the interrupt handler. */
  readonly cancelled: () => boolean;
  /** True when the module's memory is all but exhausted (read after a failure). */
  readonly memoryExhausted: () => boolean;
  /** Receives each verdict as soon as it is decided. */
  readonly onVerdict?: (verdict: TestVerdict) => void;
  /** Told when QuickJS failed to free the execution: the module must not be used again. */
  readonly onModuleFailed: (error: unknown) => void;
  /**
   * Where the module keeps the paths to its built-ins that the prelude's first walk found (see `quickjsLockdown`):
   * filled by the first execution, followed by the next ones.
   */
  readonly intrinsics?: { paths?: string };
}

/** Why the host stopped the code, decided by the host, never read from the code's output. */
type HostStop = 'time' | 'output' | 'cancelled';

/** Drops a leading `export` (or `export default`) so that module-style code runs as a script. */
export function asScript(code: string): string {
  return code.replace(/^export\s+(default\s+)?/gm, '');
}

/**
 * Runs `code` then each test in one fresh QuickJS runtime and context of `module`, within `limits`: memory (the
 * module's WebAssembly memory has a maximum; QuickJS refuses a single allocation above the limit), stack, time
 * (an interrupt handler with a deadline, which QuickJS cannot catch), output (counted by a host function; past the
 * limit the interrupt handler stops the code) and pending promise jobs (run in bounded turns until the deadline).
 * The verdicts are read from QuickJS handles: a test fails when its evaluation throws, evaluates to `false`, or
 * gives a promise that rejects, settles to `false` or can never settle. Throws only when the module itself fails
 * while the code runs (the caller then discards it).
 */
export function executeJavaScript(
  module: QuickJSWASMModule,
  code: string,
  tests: readonly string[],
  limits: SandboxLimits,
  watch: ExecutionWatch,
): SandboxOutcome {
  const verdicts: TestVerdict[] = [];
  const deadline = performance.now() + limits.timeoutMs;
  let written = 0;
  let stop: HostStop | undefined;
  const limitReached = () => {
    if (stop === undefined && watch.cancelled()) stop = 'cancelled';
    if (stop === undefined && performance.now() > deadline) stop = 'time';
    return stop !== undefined;
  };
  const stopped = (reason: string): SandboxOutcome => ({
    kind: 'stopped',
    reason: stop ? hostReason(stop, limits) : watch.memoryExhausted() ? memoryReason(limits) : reason,
    verdicts,
  });
  const owned: { dispose(): void }[] = [];
  let outcome: SandboxOutcome;
  try {
    const runtime = module.newRuntime();
    owned.unshift(runtime);
    runtime.setMemoryLimit(limits.memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(quickjsStackBytes);
    runtime.setInterruptHandler(limitReached);
    const context = runtime.newContext();
    owned.unshift(context);
    const write = (characters: number) => {
      written += characters;
      if (written > outputLimitCharacters && stop === undefined) stop = 'output';
      return stop !== undefined;
    };
    const prelude = install(context, write, watch.intrinsics);
    owned.unshift(prelude.describe, prelude.runTest);
    const session = new Session(context, runtime, prelude, limitReached);
    outcome = runAll(session, code, tests, {
      stopped,
      halted: () => stop !== undefined,
      memoryExhausted: watch.memoryExhausted,
      decide: (verdict) => {
        verdicts.push(verdict);
        watch.onVerdict?.(verdict);
      },
      finished: () => ({ kind: 'finished', verdicts }),
    });
  } catch (error) {
    // A stop inside the runtime's own setup surfaces as a thrown error: the host's reason stands.
    if (stop === undefined) throw error;
    outcome = stopped('');
  }
  for (const resource of owned) {
    try {
      resource.dispose();
    } catch (error) {
      // QuickJS can fail to free a runtime that an interrupt left mid-job: the outcome stands, the module goes.
      watch.onModuleFailed(error);
      break;
    }
  }
  return outcome;
}

/** What `runAll` needs from the execution around it. */
interface RunControl {
  readonly stopped: (reason: string) => SandboxOutcome;
  readonly halted: () => boolean;
  readonly memoryExhausted: () => boolean;
  readonly decide: (verdict: TestVerdict) => void;
  readonly finished: () => SandboxOutcome;
}

/** The code, then each test, each verdict decided from what the host read. */
function runAll(session: Session, code: string, tests: readonly string[], control: RunControl): SandboxOutcome {
  const ran = session.evaluateCode(asScript(code));
  if (ran.kind === 'threw') return control.stopped(`the code failed: ${ran.message}`);
  if (control.halted()) return control.stopped('');
  for (const [index, test] of tests.entries()) {
    const result = session.evaluateTest(test);
    if (control.halted() || (result.kind === 'threw' && control.memoryExhausted())) return control.stopped('');
    const verdict: TestVerdict =
      result.kind === 'threw'
        ? { index, passed: false, message: result.message }
        : result.value === false
          ? { index, passed: false, message: 'the test evaluated to false' }
          : { index, passed: true };
    control.decide(verdict);
  }
  return control.finished();
}

function hostReason(stop: HostStop, limits: SandboxLimits): string {
  switch (stop) {
    case 'time':
      return `timed out after ${limits.timeoutMs} ms`;
    case 'output':
      return `printed more than ${outputLimitCharacters / 1024} KB of output`;
    case 'cancelled':
      return 'cancelled';
    default:
      return stop satisfies never;
  }
}

function memoryReason(limits: SandboxLimits): string {
  return `ran out of memory (limit ${limits.memoryMb} MB)`;
}

/** What the prelude hands the host, kept by the host alone. */
interface PreludeHandles {
  /** Turns a thrown value into bounded text. */
  readonly describe: QuickJSHandle;
  /** Evaluates a test's source with the original built-ins in scope. */
  readonly runTest: QuickJSHandle;
}

/** Evaluates the prelude and the `assert` binding; returns the prelude's handles. */
function install(
  context: QuickJSContext,
  write: (characters: number) => boolean,
  intrinsics: { paths?: string } | undefined,
): PreludeHandles {
  const meter = context.newFunction('write', (characters) => {
    const count = context.typeof(characters) === 'number' ? context.getNumber(characters) : 0;
    return write(Number.isFinite(count) && count > 0 ? count : 0) ? context.true : context.false;
  });
  try {
    const setup = context.unwrapResult(context.evalCode(quickjsPrelude, 'prelude.js'));
    try {
      const paths = intrinsics?.paths === undefined ? context.undefined : context.newString(intrinsics.paths);
      const called = context.callFunction(setup, context.undefined, meter, paths);
      paths.dispose();
      const exported = context.unwrapResult(called);
      const discovered = context.getProp(exported, 'intrinsicPaths');
      if (intrinsics && context.typeof(discovered) === 'string') intrinsics.paths = context.getString(discovered);
      discovered.dispose();
      const handles = {
        describe: context.getProp(exported, 'describe'),
        runTest: context.getProp(exported, 'runTest'),
      };
      exported.dispose();
      const bound = context.evalCode(quickjsAssertBinding, 'assert.js', { type: 'global' });
      if (bound.error) {
        handles.describe.dispose();
        handles.runTest.dispose();
      }
      context.unwrapResult(bound).dispose();
      return handles;
    } finally {
      setup.dispose();
    }
  } finally {
    meter.dispose();
  }
}

/** How one evaluation ended, as the host read it. */
type Evaluation =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly message: string };

/** Evaluates scripts in one context, settling promises by running pending jobs in bounded turns. */
class Session {
  constructor(
    private readonly context: QuickJSContext,
    private readonly runtime: QuickJSRuntime,
    private readonly prelude: PreludeHandles,
    private readonly limitReached: () => boolean,
  ) {}

  /** The code, as a global script: its declarations become globals the tests see. */
  evaluateCode(source: string): Evaluation {
    return this.settle(this.context.evalCode(source, 'solution.js', { type: 'global' }), 'the code');
  }

  /** A test, through the prelude's `runTest`. */
  evaluateTest(source: string): Evaluation {
    const text = this.context.newString(source);
    try {
      return this.settle(this.context.callFunction(this.prelude.runTest, this.context.undefined, text), 'the test');
    } finally {
      text.dispose();
    }
  }

  private settle(result: VmCallResult<QuickJSHandle>, what: string): Evaluation {
    if (result.error) return this.threw(result.error);
    const handle = result.value;
    try {
      const drained = this.drain();
      if (drained) return drained;
      const state = this.context.getPromiseState(handle);
      if (state.type === 'fulfilled') {
        try {
          return { kind: 'value', value: this.primitive(state.value) };
        } finally {
          if (!state.notAPromise) state.value.dispose();
        }
      }
      if (state.type === 'rejected') return this.threw(state.error);
      return { kind: 'threw', message: `${what}'s promise can never settle (nothing is left to run)` };
    } finally {
      handle.dispose();
    }
  }

  /** Runs pending jobs until none is left or a limit is reached. */
  private drain(): Evaluation | undefined {
    while (this.runtime.hasPendingJob()) {
      if (this.limitReached()) return { kind: 'threw', message: 'stopped' };
      const turn = this.runtime.executePendingJobs(jobsPerTurn);
      if (turn.error) return this.threw(turn.error);
      turn.dispose();
    }
    return undefined;
  }

  /** Only `false` matters to a verdict; other values are never converted (which could run the code). */
  private primitive(handle: QuickJSHandle): unknown {
    return this.context.typeof(handle) === 'boolean' ? this.context.dump(handle) : undefined;
  }

  private threw(error: QuickJSHandle): Evaluation {
    try {
      const text = this.context.callFunction(this.prelude.describe, this.context.undefined, error);
      if (text.error) {
        text.error.dispose();
        return { kind: 'threw', message: 'threw a value that could not be described' };
      }
      try {
        const message = this.context.typeof(text.value) === 'string' ? this.context.getString(text.value) : '';
        return { kind: 'threw', message: message.slice(0, 1000) };
      } finally {
        text.value.dispose();
      }
    } finally {
      error.dispose();
    }
  }
}
