import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'eventemitter3';
import type { Interpreter } from '../interpreters/interpreter.js';
import type { Message } from '../interpreters/interpreter-call.js';
import type { InterpreterWarning, StepResult } from '../interpreters/step-result.js';
import type { Program, ProgramCase } from '../program/program.js';
import { renderTemplate } from '../program/render-template.js';
import { compare, compileVerifier } from '../verifiers/compile-verifier.js';
import { scoreError } from '../verifiers/score.js';
import type { Verifier } from '../verifiers/verifier.js';
import { deriveSeed } from './derive-seed.js';
import type { CaseRun, ProgramRun, SampleRecord } from './program-run.js';
import type { RunEvents } from './run-events.js';
import type { StepTrace, Trace } from './trace.js';

/** How to run a program. */
export interface RunProgramOptions {
  readonly interpreter: Interpreter;
  /** Overrides the program's base seed. */
  readonly seed?: number;
  /** Samples in flight at once. Defaults to 8. */
  readonly concurrency?: number;
  readonly events?: EventEmitter<RunEvents>;
  readonly signal?: AbortSignal;
  /** The clock, in milliseconds since the epoch; injected for tests. */
  readonly clock?: () => number;
  /** The run's id; a random UUID by default. */
  readonly runId?: string;
}

interface PlannedSample {
  readonly testCase: ProgramCase;
  readonly index: number;
  readonly seed: number;
}

/** Renders the program's messages for one case. */
export function renderMessages(program: Program, testCase: ProgramCase): Message[] {
  return program.messages.map((message) => ({
    role: message.role,
    content: renderTemplate(message.parts, testCase.inputs),
  }));
}

/**
 * Runs every case of a program `samples` times on one interpreter, verifies each sample, and returns all of it.
 * Failures of the interpreter or of a verifier become error scores; the run goes on.
 */
export async function runProgram(program: Program, options: RunProgramOptions): Promise<ProgramRun> {
  const { interpreter, events } = options;
  const clock = options.clock ?? Date.now;
  const runId = options.runId ?? randomUUID();
  const baseSeed = options.seed ?? program.sampling.seed;
  const verifier = compileVerifier(program.verify.expression, program.source);
  const startedAt = clock();
  const plan: PlannedSample[] = program.cases.flatMap((testCase) =>
    Array.from({ length: program.sampling.samples }, (_, index) => ({
      testCase,
      index,
      seed: deriveSeed(program.hash, testCase.id, index, baseSeed),
    })),
  );
  events?.emit('run-start', {
    runId,
    timestamp: startedAt,
    programName: program.name,
    interpreterId: interpreter.id,
    cases: program.cases.length,
    samplesPerCase: program.sampling.samples,
  });

  const records = new Map<string, SampleRecord[]>(program.cases.map((testCase) => [testCase.id, []]));
  const remaining = new Map<string, number>(program.cases.map((testCase) => [testCase.id, program.sampling.samples]));
  const warnings = new Map<string, InterpreterWarning>();
  let next = 0;
  const worker = async () => {
    while (next < plan.length && !options.signal?.aborted) {
      const planned = plan[next++] as PlannedSample;
      const { testCase } = planned;
      if (planned.index === 0) events?.emit('case-start', { runId, timestamp: clock(), caseId: testCase.id });
      const record = await runSample(program, planned, verifier, options, runId, clock);
      for (const warning of record.trace.steps.flatMap((step) => step.warnings)) warnings.set(warning.message, warning);
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
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, plan.length));
  await Promise.all(Array.from({ length: concurrency }, worker));

  const cases: CaseRun[] = program.cases.map((testCase) => ({
    caseId: testCase.id,
    samples: [...(records.get(testCase.id) ?? [])].sort((a, b) => a.index - b.index),
  }));
  const durationMs = clock() - startedAt;
  events?.emit('run-end', { runId, timestamp: clock(), samples: plan.length, durationMs });
  return {
    runId,
    programName: program.name,
    file: program.file,
    programHash: program.hash,
    interpreterId: interpreter.id,
    interpreterDescription: interpreter.description,
    baseSeed,
    samplesPerCase: program.sampling.samples,
    cases,
    warnings: [...warnings.values()],
    startedAt,
    durationMs,
  };
}

async function runSample(
  program: Program,
  planned: PlannedSample,
  verifier: Verifier,
  options: RunProgramOptions,
  runId: string,
  clock: () => number,
): Promise<SampleRecord> {
  const { interpreter, events } = options;
  const { testCase, index, seed } = planned;
  events?.emit('sample-start', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, seed });
  const messages = renderMessages(program, testCase);
  const settings = program.sampling.settings;
  const started = clock();
  let result: StepResult | undefined;
  let failure: Error | undefined;
  try {
    result = await interpreter.interpret(
      {
        messages,
        settings,
        origin: {
          programName: program.name,
          caseId: testCase.id,
          ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
        },
      },
      {
        seed,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(events
          ? {
              onToken: (text: string) =>
                events.emit('token', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, text }),
            }
          : {}),
      },
    );
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  const latencyMs = clock() - started;
  const step: StepTrace = {
    name: 'main',
    messages,
    text: result?.text ?? '',
    output: result?.text ?? '',
    finishReason: result?.finishReason ?? 'error',
    ...(result?.usage ? { usage: result.usage } : {}),
    latencyMs,
    warnings: result?.warnings ?? [],
    ...(failure
      ? {
          error: { message: failure.message, isRetryable: (failure as { isRetryable?: boolean }).isRetryable === true },
        }
      : {}),
  };
  events?.emit('step-end', {
    runId,
    timestamp: clock(),
    caseId: testCase.id,
    sampleIndex: index,
    stepName: step.name,
    latencyMs,
  });
  const trace: Trace = {
    programName: program.name,
    programHash: program.hash,
    interpreterId: interpreter.id,
    caseId: testCase.id,
    sampleIndex: index,
    seed,
    settings,
    steps: [step],
  };
  events?.emit('sample-end', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, trace });
  if (failure)
    events?.emit('error', {
      runId,
      timestamp: clock(),
      message: failure.message,
      caseId: testCase.id,
      sampleIndex: index,
    });

  const output = step.output;
  const score = failure
    ? scoreError(`the interpreter failed: ${failure.message}`)
    : await verifier({
        inputs: testCase.inputs,
        output,
        steps: { main: output },
        ...(testCase.hasExpected ? { expected: testCase.expected } : {}),
        trace,
      });
  const success =
    score.status === 'scored' && compare(score.value, program.passWhen.operator, program.passWhen.threshold);
  events?.emit('score', { runId, timestamp: clock(), caseId: testCase.id, sampleIndex: index, score, success });
  return { caseId: testCase.id, index, seed, output, score, success, trace };
}
