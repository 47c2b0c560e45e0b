import type { EventEmitter } from 'eventemitter3';
import type { RunEvents } from '../contracts/run-events.js';
import { type PriceOf, sampleNewCost } from '../cost/sample-spend.js';
import type { JudgeInterpreter } from '../engine/judge-runtime.js';
import type { RetryPolicy } from '../engine/retry-policy.js';
import { type RunProgramOptions, runProgram } from '../engine/run-program.js';
import { SpendLimit } from '../engine/spend-limit.js';
import type { Program } from '../program/program.js';
import { applySequentialOutcome } from './apply-sequential-outcome.js';
import type { InterpreterLimits } from './interpreter-limits.js';
import { mcpToolsOfRun } from './mcp-tools-of-run.js';
import type { PreparedSuite } from './prepare-suite.js';
import type { ProgramSummary } from './program-summary.js';
import { resolveBaseSeed } from './resolve-base-seed.js';
import { runAdaptive } from './run-adaptive.js';
import { runSequential, sequentialErrorRateOf } from './run-sequential.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import type { SetUpInterpreter } from './set-up-interpreter.js';
import { summarizeRun } from './summarize-run.js';

/** What every program of a suite runs with. */
export interface SuiteRunContext {
  readonly suite: PreparedSuite;
  readonly options: RunSuiteOptions;
  readonly limits: InterpreterLimits;
  readonly retry: RetryPolicy;
  readonly clock: () => number;
  /** The run's budget (`maxCost`), shared by every program of the run. */
  readonly runBudget?: SpendLimit;
}

/** Calls in flight on an interpreter when neither the suite, the interpreter's entry nor the config says. */
const defaultConcurrency = 8;

/** The interpreters of the program's judges that name their own, by judge name, with their rate limiters. */
function judgeInterpretersOf(program: Program, context: SuiteRunContext): Map<string, JudgeInterpreter> {
  const { suite, limits } = context;
  const judgeInterpreters = new Map<string, JudgeInterpreter>();
  for (const judge of program.judges) {
    if (judge.interpreter === undefined) continue;
    const own = suite.interpreters.get(judge.interpreter) as SetUpInterpreter;
    // The same limit the interpreter's own programs take, whichever asks for it first.
    const concurrency =
      context.options.concurrency ?? own.entry.concurrency ?? suite.config.concurrency ?? defaultConcurrency;
    const ownLimits = limits.of(own.interpreter, own.entry, concurrency);
    judgeInterpreters.set(judge.name, { interpreter: own.interpreter, rateLimiter: ownLimits.rate });
  }
  return judgeInterpreters;
}

/** The interpreter of the program's simulated user when it names its own, with its rate limiter. */
function simulatedUserInterpreterOf(program: Program, context: SuiteRunContext): JudgeInterpreter | undefined {
  const name = program.agent?.simulatedUser?.interpreter;
  if (name === undefined) return undefined;
  const own = context.suite.interpreters.get(name) as SetUpInterpreter;
  const concurrency =
    context.options.concurrency ?? own.entry.concurrency ?? context.suite.config.concurrency ?? defaultConcurrency;
  return { interpreter: own.interpreter, rateLimiter: context.limits.of(own.interpreter, own.entry, concurrency).rate };
}

/**
 * Runs one program on one of the suite's interpreters (by the name the suite gave it), uniformly or adaptively,
 * with its events emitted into `events`, records the program run in the store, and summarises it. A uniform run
 * calls `onAllStarted` once every sample it draws has started; adaptive and sequential runs (which draw in rounds)
 * do not, and end first. Every run waits for `room` before each sample it draws.
 */
export async function runOnInterpreter(
  program: Program,
  name: string,
  context: SuiteRunContext,
  events: EventEmitter<RunEvents>,
  onAllStarted?: () => void,
  room?: () => Promise<void> | undefined,
): Promise<ProgramSummary> {
  const { suite, options, clock } = context;
  const { store, runId, config } = suite;
  const { interpreter, entry } = suite.interpreters.get(name) as SetUpInterpreter;
  const key = { runId, programName: program.name, interpreterId: interpreter.id };
  const baseSeed = resolveBaseSeed(program, options.seed);
  store?.startProgramRun({
    ...key,
    programFile: program.file,
    programHash: program.hash,
    baseSeed,
    samplesPerCase: program.sampling.samples,
    planned: program.cases.length * program.sampling.samples,
  });
  const concurrency = options.concurrency ?? entry.concurrency ?? config.concurrency ?? defaultConcurrency;
  const limit = context.limits.of(interpreter, entry, concurrency);
  const judgeInterpreters = judgeInterpretersOf(program, context);
  const simulatedUserInterpreter = simulatedUserInterpreterOf(program, context);
  const priceOf: PriceOf = (interpreterName) => suite.plan.prices?.[interpreterName];
  const budgets = [
    ...(context.runBudget ? [context.runBudget] : []),
    ...(program.budget !== undefined ? [new SpendLimit(program.budget)] : []),
  ];
  const userInterpreter = program.agent?.simulatedUser?.interpreter;
  const runOptions: RunProgramOptions = {
    interpreter,
    events,
    ...(room ? { room } : {}),
    runId,
    seed: baseSeed,
    concurrency,
    sharedLimit: limit.concurrency,
    rateLimiter: limit.rate,
    ...(judgeInterpreters.size > 0 ? { judgeInterpreters } : {}),
    ...(simulatedUserInterpreter ? { simulatedUserInterpreter } : {}),
    retry: context.retry,
    ...(config.sampling ? { defaultSettings: config.sampling } : {}),
    ...(store ? { store } : {}),
    ...(options.readCache !== undefined ? { readCache: options.readCache } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    clock,
    priceOf,
    ...(budgets.length > 0
      ? {
          spend: {
            limits: budgets,
            costOf: (record) => sampleNewCost(record, priceOf, userInterpreter),
          },
        }
      : {}),
  };
  const mcpTools = mcpToolsOfRun();
  const withTools: RunProgramOptions = { ...runOptions, startTools: mcpTools.start };
  // A shard holds part of every round, so it cannot decide: it draws its part of the plan, capped as usual.
  const errorRate = options.shard ? undefined : sequentialErrorRateOf(program, options.sequential);
  let adaptiveRun: Awaited<ReturnType<typeof runAdaptive>> | undefined;
  let sequentialRun: Awaited<ReturnType<typeof runSequential>> | undefined;
  let run: Awaited<ReturnType<typeof runProgram>>;
  try {
    adaptiveRun = options.adaptive ? await runAdaptive(program, withTools, options.adaptive) : undefined;
    sequentialRun =
      !adaptiveRun && errorRate !== undefined ? await runSequential(program, withTools, errorRate) : undefined;
    run =
      adaptiveRun?.run ??
      sequentialRun?.run ??
      (await runProgram(program, { ...withTools, ...(onAllStarted ? { onAllStarted } : {}) }));
  } finally {
    await mcpTools.close();
  }
  store?.endProgramRun(key, run.interrupted ? 'interrupted' : 'complete');
  // Summarising takes milliseconds of CPU: answers that came in for the programs still running are read first, so
  // that their samples give back their slots and the next calls go out before it.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const summary = {
    ...summarizeRun(program, run, name, priceOf),
    ...(adaptiveRun ? { adaptive: adaptiveRun.adaptive } : {}),
  };
  return sequentialRun ? applySequentialOutcome(summary, sequentialRun.sequential) : summary;
}
