import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { EventEmitter } from 'eventemitter3';
import type { Interpreter } from '../contracts/interpreter.js';
import type { SamplingSettings } from '../contracts/interpreter-call.js';
import type { RunEvents } from '../contracts/run-events.js';
import type { ProgramRunKey } from '../contracts/sample-store.js';
import type { Program } from '../program/program.js';
import { compileVerifier } from '../verifiers/compile-verifier.js';
import type { Verifier } from '../verifiers/verifier.js';
import type { AgentRunSupport } from './agent/run-agent.js';
import { resolveBaseSeed } from './derive-seed.js';
import { createJudges } from './judge-runtime.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import type { RunProgramOptions } from './run-program-options.js';
import type { StepRunSetup } from './run-steps.js';

/** Which per-sample events have listeners: they are built only then. */
export interface PerSampleEvents {
  readonly sampleStart: boolean;
  readonly token: boolean;
  readonly stepEnd: boolean;
  readonly sampleEnd: boolean;
  readonly score: boolean;
}

/** What every part of one program run shares: its ids and clock, its settings and verifier, and its calls' setup. */
export interface ProgramRunSetup {
  readonly program: Program;
  readonly options: RunProgramOptions;
  readonly interpreter: Interpreter;
  readonly events?: EventEmitter<RunEvents>;
  readonly runId: string;
  readonly clock: () => number;
  /** The seed every sample's seed is derived from. */
  readonly baseSeed: number;
  /** The program's sampling settings over the defaults it was given. */
  readonly settings: SamplingSettings;
  /** The program's `verify` expression with its `require` gates and judges. */
  readonly verifier: Verifier;
  /** Whether the program is one prompt step: the common case, run on a path with no per-step work. */
  readonly single: boolean;
  /** The name of a single-prompt program's step. */
  readonly singleStepName: string;
  readonly runKey: ProgramRunKey;
  readonly startedAt: number;
  readonly perSample: PerSampleEvents;
  /** What every interpreter call of the run shares, and where their results are cached. */
  readonly steps: StepRunSetup;
}

/** Sets a run up: ids, clock, base seed, settings, the verifier with its judges, and the cache of its calls. */
export function createProgramRunSetup(
  program: Program,
  options: RunProgramOptions,
  /** Why the program's MCP servers could not be started: every sample fails with it. */
  toolsProblem?: string,
): ProgramRunSetup {
  const { interpreter, events, store } = options;
  const clock = options.clock ?? Date.now;
  const runId = options.runId ?? randomUUID();
  const retryPolicy = options.retry ?? defaultRetryPolicy;
  const verifier = compileVerifier(program.verify.expression, program.source, {
    requires: program.verify.requires,
    verifiers: program.verifiers,
    judgeNames: new Set(program.judges.map((judge) => judge.name)),
    judges: createJudges(program.judges, {
      interpreter,
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
      ...(options.judgeInterpreters ? { judgeInterpreters: options.judgeInterpreters } : {}),
      retry: retryPolicy,
      ...(store ? { store } : {}),
      ...(options.readCache !== undefined ? { readCache: options.readCache } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    }),
  });
  // An agent's step is a loop of calls, found in the cache turn by turn as each sample runs.
  const single = program.steps.length === 1 && program.steps[0]?.kind === 'prompt' && program.agent === undefined;
  const settings: SamplingSettings = { ...options.defaultSettings, ...program.sampling.settings };
  const startedAt = clock();
  const support = agentSupport(program, options, retryPolicy, clock, runId);
  const agent = support && toolsProblem !== undefined ? { ...support, toolsProblem } : support;
  // Every call in flight listens to the run's signal; dozens at once are expected, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  // Per-sample events are built only when someone listens: a run of 100,000 samples would otherwise allocate
  // half a million event objects for nobody.
  const listening = (name: keyof RunEvents) => events !== undefined && events.listenerCount(name) > 0;
  const perSample: PerSampleEvents = {
    sampleStart: listening('sample-start'),
    token: listening('token'),
    stepEnd: listening('step-end'),
    sampleEnd: listening('sample-end'),
    score: listening('score'),
  };
  return {
    program,
    options,
    interpreter,
    ...(events ? { events } : {}),
    runId,
    clock,
    baseSeed: resolveBaseSeed(program.sampling.seed, options.seed),
    settings,
    verifier,
    single,
    singleStepName: program.steps[0]?.name ?? 'main',
    runKey: { runId, programName: program.name, interpreterId: interpreter.id },
    startedAt,
    perSample,
    steps: {
      interpreter,
      runId,
      retryPolicy,
      clock,
      ...(events ? { events } : {}),
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      emitTokens: perSample.token,
      emitStepEnd: perSample.stepEnd,
      settings,
      cache: {
        interpreterId: interpreter.id,
        ...(store ? { store } : {}),
        readCache: options.readCache !== false,
        // A program of several steps looks each prompt up once per run; a single prompt's cached pass looks each
        // case up once anyway, and keeping those lookups would hold every cached sample for the whole run.
        ...(single ? {} : { byPrefix: new Map() }),
      },
      ...(agent ? { agent } : {}),
    },
  };
}

/**
 * What an agent program's steps need from the run: the MCP tools, and the simulated user's interpreter (its own,
 * resolved by the runner like a judge's, or the run's) with its cache. Undefined for programs that do not act.
 */
function agentSupport(
  program: Program,
  options: RunProgramOptions,
  retryPolicy: RetryPolicy,
  clock: () => number,
  runId: string,
): AgentRunSupport | undefined {
  if (!program.agent) return undefined;
  const tools = options.tools ? { tools: options.tools } : {};
  const user = program.agent.simulatedUser;
  if (!user) return tools;
  const own = options.simulatedUserInterpreter;
  if (user.interpreter !== undefined && !own)
    return {
      ...tools,
      simulatedUserProblem: `the simulated user's interpreter "${user.interpreter}" was not set up for this run`,
    };
  const { interpreter, rateLimiter } = own ?? options;
  return {
    ...tools,
    simulatedUser: {
      setup: {
        interpreter,
        runId,
        retryPolicy,
        clock,
        ...(options.events ? { events: options.events } : {}),
        ...(rateLimiter ? { rateLimiter } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        emitTokens: false,
        emitStepEnd: false,
      },
      cache: {
        interpreterId: interpreter.id,
        ...(options.store ? { store: options.store } : {}),
        readCache: options.readCache !== false,
      },
    },
  };
}
