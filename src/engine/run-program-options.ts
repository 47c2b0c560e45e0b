import type { EventEmitter } from 'eventemitter3';
import type { Interpreter } from '../contracts/interpreter.js';
import type { SamplingSettings } from '../contracts/interpreter-call.js';
import type { SampleRecord } from '../contracts/program-run.js';
import type { RunEvents } from '../contracts/run-events.js';
import type { SampleStore } from '../contracts/sample-store.js';
import type { ToolRuntime } from '../contracts/tool-runtime.js';
import type { PriceOf } from '../cost/sample-spend.js';
import type { McpServerDeclaration } from '../program/program.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import type { JudgeInterpreter } from './judge-runtime.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Shard } from './shard.js';
import type { SpendLimit } from './spend-limit.js';

/** How to run a program. */
export interface RunProgramOptions {
  readonly interpreter: Interpreter;
  /** Overrides the program's base seed. */
  readonly seed?: number;
  /** Calls in flight at once for this run. Defaults to 8. */
  readonly concurrency?: number;
  /** A limit shared with other runs on the same interpreter (or all interpreters), on top of `concurrency`. */
  readonly sharedLimit?: ConcurrencyLimit;
  /** Sampling settings for those the program leaves out (from the config). */
  readonly defaultSettings?: SamplingSettings;
  /** Requests and tokens per minute for the interpreter, shared across runs. */
  readonly rateLimiter?: RateLimiter;
  readonly retry?: RetryPolicy;
  /** Where samples are cached and results recorded. Without one, nothing is kept. */
  readonly store?: SampleStore;
  /** False to ignore cached results (they are still written). Defaults to true. */
  readonly readCache?: boolean;
  /** Draw only this part of the plan. */
  readonly shard?: Shard;
  /**
   * Draw only these samples: for each case named, indices `from` (inclusive) to `to` (exclusive), which may go past
   * the program's sample count (adaptive sampling). Cases not named are not sampled.
   */
  readonly samplesByCase?: ReadonlyMap<string, { readonly from: number; readonly to: number }>;
  readonly events?: EventEmitter<RunEvents>;
  /** When it aborts, no new sample starts; samples in flight finish. */
  readonly stopSignal?: AbortSignal;
  /** When it aborts, calls in flight are cancelled too. */
  readonly signal?: AbortSignal;
  /** The clock, in milliseconds since the epoch; injected for tests. */
  readonly clock?: () => number;
  /** The run's id; a random UUID by default. */
  readonly runId?: string;
  /**
   * The interpreter of each named judge that names its own (`judge … model "…"`), resolved, by judge name, with its
   * rate limiter. Judges without one run on `interpreter`. A judge the program declares that has neither scores as an
   * `error` naming it.
   */
  readonly judgeInterpreters?: ReadonlyMap<string, JudgeInterpreter>;
  /**
   * The simulated user's interpreter, resolved, when the program's `simulate user` names its own (`model "…"`), with
   * its rate limiter. Without it the user runs on `interpreter`; a user that names one missing here fails each
   * sample with an `error` naming it.
   */
  readonly simulatedUserInterpreter?: JudgeInterpreter;
  /** The tools of the program's MCP servers, already started (see `ToolRuntime`); the caller closes them. */
  readonly tools?: ToolRuntime;
  /**
   * Starts the program's MCP servers when it declares some and `tools` is not given: the run calls it once before
   * its first sample and closes what it returns when it ends. A rejection fails every sample with its message.
   */
  readonly startTools?: (servers: readonly McpServerDeclaration[], signal?: AbortSignal) => Promise<ToolRuntime>;
  /**
   * The budgets new samples draw on (the program's `budget`, the run's `--max-cost`), and what a recorded sample
   * cost. Once one is reached no sample starts, and the run ends interrupted, to be resumed like any other.
   */
  readonly spend?: RunSpend;
  /**
   * How the run keeps its samples: `tally` (the default) reduces each case's samples as they are recorded
   * (`CaseRun.tally`) and keeps only a few whole ones for reports, so that memory does not grow with the samples
   * drawn; `all` keeps every sample, as the rounds of adaptive and sequential sampling need.
   */
  readonly keepSamples?: 'tally' | 'all';
  /** Prices the calls the tallies sum (the suite's prices); without it nothing is in dollars. */
  readonly priceOf?: PriceOf;
  /**
   * Called once, as soon as every sample left to draw has started (holds its slot of `sharedLimit`), the run stops
   * taking samples, or at the latest when it ends: a suite starts the next program on the interpreter then.
   */
  readonly onAllStarted?: () => void;
  /** Asked before each sample is drawn: a promise to wait for first, or undefined (see `WorkerPoolOptions.room`). */
  readonly room?: () => Promise<void> | undefined;
}

/** The budgets a run's new samples draw on, and how to price a sample. */
export interface RunSpend {
  readonly limits: readonly SpendLimit[];
  /** Dollars of new calls the sample made: its own, its judges' and its simulated user's. */
  readonly costOf: (record: SampleRecord) => number;
}
