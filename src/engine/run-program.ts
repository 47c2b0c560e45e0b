import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { EventEmitter } from 'eventemitter3';
import { cacheKey, cacheKeyPrefix, promptHash } from '../contracts/cache-key.js';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterCall, Message, SamplingSettings } from '../contracts/interpreter-call.js';
import type { CaseRun, ProgramRun, SampleRecord } from '../contracts/program-run.js';
import type { RunEvents } from '../contracts/run-events.js';
import type { ProgramRunKey, SampleStore, StepKeys } from '../contracts/sample-store.js';
import { type Score, scored, scoreError } from '../contracts/score.js';
import type { InterpreterWarning } from '../contracts/step-result.js';
import type { StepTrace, Trace } from '../contracts/trace.js';
import { renderTemplate } from '../lang/render-template.js';
import type { Program, ProgramCase } from '../program/program.js';
import { redactSecrets } from '../util/redact-secrets.js';
import { mixToUint31 } from '../util/stable-hash.js';
import { compare, compileVerifier } from '../verifiers/compile-verifier.js';
import type { Verifier } from '../verifiers/verifier.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { caseSeedBase } from './derive-seed.js';
import { estimateTokens, interpretStep } from './interpret-step.js';
import { createJudges, type JudgeInterpreter } from './judge-runtime.js';
import { otherAnswers } from './other-answers.js';
import type { RateLimiter } from './rate-limiter.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { runSteps, type StepRunSetup } from './run-steps.js';
import { inShard, type Shard } from './shard.js';

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
}

interface PlannedSample {
  readonly testCase: ProgramCase;
  readonly index: number;
  readonly seed: number;
  readonly key: string;
}

interface CasePrompt {
  readonly messages: readonly Message[];
  /** The call every sample of the case makes; only the seed differs. */
  readonly call: InterpreterCall;
  /** Tokens the call is expected to use, for rate limits. */
  readonly estimate: number;
  readonly promptHash: string;
  /** The cache keys of this case's samples all start with it. */
  readonly keyPrefix: string;
}

/** Renders the messages of the program's first step (a prompt step) for one case. */
export function renderMessages(program: Program, testCase: ProgramCase): Message[] {
  return program.messages.map((message) => ({
    role: message.role,
    content: renderTemplate(message.parts, testCase.inputs),
  }));
}

/** Whether a program is one prompt step: the common case, run on a path with no per-step work. */
function isSinglePrompt(program: Program): boolean {
  return program.steps.length === 1 && program.steps[0]?.kind === 'prompt';
}

/**
 * Runs every case of a program `samples` times on one interpreter, verifies each sample, and returns all of it.
 * Cached results are reused and new ones cached; failures of the interpreter (after retries) or of a verifier
 * become error scores and the run goes on. Stopping keeps every finished sample.
 */
export async function runProgram(program: Program, options: RunProgramOptions): Promise<ProgramRun> {
  const { interpreter, events, store } = options;
  const clock = options.clock ?? Date.now;
  const runId = options.runId ?? randomUUID();
  const baseSeed = options.seed ?? program.sampling.seed;
  const verifier = compileVerifier(program.verify.expression, program.source, {
    requires: program.verify.requires,
    verifiers: program.verifiers,
    judgeNames: new Set(program.judges.map((judge) => judge.name)),
    judges: createJudges(program.judges, {
      interpreter: options.interpreter,
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
      ...(options.judgeInterpreters ? { judgeInterpreters: options.judgeInterpreters } : {}),
      retry: options.retry ?? defaultRetryPolicy,
      ...(options.store ? { store: options.store } : {}),
      ...(options.readCache !== undefined ? { readCache: options.readCache } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    }),
  });
  const single = isSinglePrompt(program);
  const singleStepName = program.steps[0]?.name ?? 'main';
  const settings: SamplingSettings = { ...options.defaultSettings, ...program.sampling.settings };
  const retryPolicy = options.retry ?? defaultRetryPolicy;
  const runKey: ProgramRunKey = { runId, programName: program.name, interpreterId: interpreter.id };
  const startedAt = clock();
  // Every call in flight listens to the run's signal; dozens at once are expected, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  // Per-sample events are built only when someone listens: a run of 100,000 samples would otherwise allocate
  // half a million event objects for nobody.
  const listening = (name: keyof RunEvents) => events !== undefined && events.listenerCount(name) > 0;
  const perSample = {
    sampleStart: listening('sample-start'),
    token: listening('token'),
    stepEnd: listening('step-end'),
    sampleEnd: listening('sample-end'),
    score: listening('score'),
  };

  const prompts = new Map<string, CasePrompt>();
  const plan: PlannedSample[] = [];
  let position = 0;
  for (const testCase of program.cases) {
    const seedBase = caseSeedBase(program.hash, testCase.id, baseSeed);
    const range = options.samplesByCase
      ? options.samplesByCase.get(testCase.id)
      : { from: 0, to: program.sampling.samples };
    if (!single) {
      // Later steps' prompts depend on earlier outputs: their keys are known only as the sample runs.
      if (!range) continue;
      for (let index = range.from; index < range.to; index++, position++) {
        if (inShard(position, options.shard))
          plan.push({ testCase, index, seed: mixToUint31(seedBase, index), key: '' });
      }
      continue;
    }
    const messages = renderMessages(program, testCase);
    const hash = promptHash(messages);
    const keyPrefix = cacheKeyPrefix(interpreter.id, settings, hash);
    const call: InterpreterCall = {
      messages,
      settings,
      ...(program.output?.jsonSchema
        ? { responseFormat: { type: 'json', schema: program.output.jsonSchema, name: program.name } }
        : {}),
      origin: {
        programName: program.name,
        caseId: testCase.id,
        ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
        otherAnswers: otherAnswers(program.cases),
      },
    };
    const estimate = estimateTokens(messages, settings.maxTokens);
    const prompt: CasePrompt = { messages, call, estimate, promptHash: hash, keyPrefix };
    prompts.set(testCase.id, prompt);
    if (!range) continue;
    for (let index = range.from; index < range.to; index++, position++) {
      if (!inShard(position, options.shard)) continue;
      const seed = mixToUint31(seedBase, index); // as deriveSeed, with the case's part computed once
      plan.push({ testCase, index, seed, key: cacheKey(keyPrefix, seed) });
    }
  }
  events?.emit('run-start', {
    runId,
    timestamp: startedAt,
    programName: program.name,
    interpreterId: interpreter.id,
    cases: program.cases.length,
    samplesPerCase: program.sampling.samples,
    planned: plan.length,
  });

  const records = new Map<string, SampleRecord[]>(program.cases.map((testCase) => [testCase.id, []]));
  const remaining = new Map<string, number>();
  for (const planned of plan) remaining.set(planned.testCase.id, (remaining.get(planned.testCase.id) ?? 0) + 1);
  const warnings = new Map<string, InterpreterWarning>();
  let cacheHits = 0;

  const finish = async (
    planned: PlannedSample,
    steps: readonly StepTrace[],
    cached: boolean,
    key: string,
    stepKeys?: StepKeys,
  ) => {
    const { testCase, index, seed } = planned;
    const step = steps[steps.length - 1] as StepTrace;
    const trace: Trace = {
      programName: program.name,
      programHash: program.hash,
      interpreterId: interpreter.id,
      caseId: testCase.id,
      sampleIndex: index,
      seed,
      settings,
      steps,
    };
    if (perSample.sampleEnd)
      events?.emit('sample-end', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, trace, cached });
    // An output that is not of the program's type is the interpreter's failure to follow the program: a score of 0.
    const score = step.error
      ? scoreError(`the interpreter failed: ${step.error.message}`)
      : step.outputProblem
        ? scored(0, { name: 'output', explanation: step.outputProblem })
        : await verify(verifier, testCase, steps, trace);
    const success =
      score.status === 'scored' && compare(score.value, program.passWhen.operator, program.passWhen.threshold);
    if (perSample.score)
      events?.emit('score', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, score, success });
    const record: SampleRecord = {
      caseId: testCase.id,
      index,
      seed,
      output: step.output,
      score,
      success,
      cached,
      trace,
    };
    for (const done of steps) for (const warning of done.warnings) warnings.set(warning.message, warning);
    store?.saveResult(runKey, record, key, stepKeys);
    records.get(testCase.id)?.push(record);
    const left = (remaining.get(testCase.id) ?? 1) - 1;
    remaining.set(testCase.id, left);
    if (left === 0) {
      const samples = records.get(testCase.id) ?? [];
      events?.emit('case-end', {
        runId,
        timestamp: clock(),
        caseId: testCase.id,
        samples: samples.length,
        successes: samples.filter((sample) => sample.success).length,
      });
    }
  };

  // Cached samples are verified at once, case by case; the rest wait for an interpreter call.
  const started = new Set<string>();
  const startCase = (caseId: string) => {
    if (started.has(caseId)) return;
    started.add(caseId);
    events?.emit('case-start', { runId, timestamp: clock(), caseId });
  };
  // A program of several steps finds its cached steps as each sample runs.
  const pending: PlannedSample[] = single ? [] : [...plan];
  let caseStart = 0;
  while (single && caseStart < plan.length) {
    const testCase = (plan[caseStart] as PlannedSample).testCase;
    let caseEnd = caseStart;
    while (caseEnd < plan.length && (plan[caseEnd] as PlannedSample).testCase === testCase) caseEnd++;
    const prompt = prompts.get(testCase.id) as CasePrompt;
    const cached = store && options.readCache !== false ? store.lookupSteps(prompt.keyPrefix) : undefined;
    for (let position = caseStart; position < caseEnd; position++) {
      const planned = plan[position] as PlannedSample;
      const hit = cached?.get(planned.key);
      if (!hit) {
        pending.push(planned);
        continue;
      }
      startCase(testCase.id);
      cacheHits++;
      await finish(
        planned,
        [{ ...hit, name: singleStepName, messages: prompt.messages, cached: true }],
        true,
        planned.key,
      );
    }
    caseStart = caseEnd;
  }

  let next = 0;
  const stopped = () => options.stopSignal?.aborted === true || options.signal?.aborted === true;
  // Instant interpreters resolve in microtasks only; yielding to the event loop now and then lets timers (the
  // store's flushes, progress) and signals (Ctrl-C) through.
  let sinceYield = 0;
  const worker = async () => {
    while (next < pending.length && !stopped()) {
      if (++sinceYield >= 512) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue; // the queue and the signals may have changed meanwhile
      }
      const planned = pending[next++] as PlannedSample;
      const release = await options.sharedLimit?.acquire();
      try {
        if (stopped()) {
          next--;
          break;
        }
        startCase(planned.testCase.id);
        if (!single) {
          await runSample(planned);
          continue;
        }
        const prompt = prompts.get(planned.testCase.id) as CasePrompt;
        const step = await callStep(planned, prompt);
        if (options.signal?.aborted && step.error) break; // cancelled in flight: not a result
        if (!step.error) {
          store?.saveStep({
            key: planned.key,
            interpreterId: interpreter.id,
            seed: planned.seed,
            promptHash: prompt.promptHash,
            messages: prompt.messages,
            step,
          });
        }
        await finish(planned, [step], false, planned.key);
      } finally {
        release?.();
      }
    }
  };

  const callSetup: StepRunSetup = {
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
    ...(store ? { store } : {}),
    readCache: options.readCache !== false,
    cacheByPrefix: new Map(),
  };

  const emitSampleStart = (planned: PlannedSample) => {
    if (perSample.sampleStart)
      events?.emit('sample-start', {
        runId,
        timestamp: clock(),
        caseId: planned.testCase.id,
        sampleIndex: planned.index,
        seed: planned.seed,
      });
  };

  const callStep = (planned: PlannedSample, prompt: CasePrompt): Promise<StepTrace> => {
    emitSampleStart(planned);
    return interpretStep(callSetup, {
      stepName: singleStepName,
      caseId: planned.testCase.id,
      sampleIndex: planned.index,
      seed: planned.seed,
      call: prompt.call,
      messages: prompt.messages,
      estimate: prompt.estimate,
      ...(program.output ? { output: program.output } : {}),
    });
  };

  /** Runs every step of one sample of a program of several steps, each step cached on its own. */
  const runSample = async (planned: PlannedSample) => {
    emitSampleStart(planned);
    const { testCase } = planned;
    const ran = await runSteps(
      program,
      testCase.inputs,
      {
        caseId: testCase.id,
        index: planned.index,
        seed: planned.seed,
        hasExpected: testCase.hasExpected,
        ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
      },
      callSetup,
    );
    if (options.signal?.aborted && ran.steps.some((step) => step.error)) return; // cancelled in flight: not a result
    if (ran.cached) cacheHits++;
    await finish(planned, ran.steps, ran.cached, ran.lastKey, ran.keys);
  };

  const concurrency = Math.max(
    1,
    Math.min(options.concurrency ?? 8, pending.length, interpreter.maxConcurrentCalls ?? Number.POSITIVE_INFINITY),
  );
  await Promise.all(Array.from({ length: concurrency }, worker));
  store?.flush();

  const cases: CaseRun[] = program.cases.map((testCase) => ({
    caseId: testCase.id,
    samples: [...(records.get(testCase.id) ?? [])].sort((a, b) => a.index - b.index),
  }));
  const drawn = cases.reduce((sum, caseRun) => sum + caseRun.samples.length, 0);
  const interrupted = drawn < plan.length;
  const durationMs = clock() - startedAt;
  events?.emit('run-end', { runId, timestamp: clock(), samples: drawn, durationMs, interrupted });
  return {
    runId,
    programName: program.name,
    file: program.file,
    programHash: program.hash,
    interpreterId: interpreter.id,
    // Descriptions may name an endpoint; reports show them, so credentials in them are masked.
    interpreterDescription: redactSecrets(interpreter.description),
    baseSeed,
    settings,
    samplesPerCase: program.sampling.samples,
    planned: plan.length,
    ...(options.shard ? { shard: options.shard } : {}),
    interrupted,
    cacheHits,
    cases,
    warnings: [...warnings.values()],
    startedAt,
    durationMs,
  };
}

/** Runs a verifier, turning a throw or a rejection into an error score. */
async function verify(
  verifier: Verifier,
  testCase: ProgramCase,
  steps: readonly StepTrace[],
  trace: Trace,
): Promise<Score> {
  const output = steps[steps.length - 1]?.output;
  const outputs: Record<string, unknown> = {};
  for (const step of steps) outputs[step.name] = step.output;
  try {
    return await verifier({
      inputs: testCase.inputs,
      output,
      steps: outputs,
      ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
      trace,
    });
  } catch (error) {
    return scoreError(`the verifier failed: ${(error as Error).message}`);
  }
}
