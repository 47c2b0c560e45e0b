import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../contracts/interpreter.js';
import type { RunEvents } from '../contracts/run-events.js';
import { runProgram } from './run-program.js';
import { capitalsProgram, mediumSim } from './testing/capitals-program.js';

const program = capitalsProgram(10);
const sim = mediumSim;
const outcomes = (run: Awaited<ReturnType<typeof runProgram>>) =>
  run.cases.map((caseRun) => caseRun.samples.map((sample) => [sample.seed, sample.output, sample.success]));

describe('runProgram', () => {
  it('draws every planned sample once, in index order, with distinct derived seeds', async () => {
    const run = await runProgram(program, { interpreter: sim });
    expect(run.cases.map((caseRun) => caseRun.samples.map((sample) => sample.index))).toEqual(
      Array.from({ length: 3 }, () => Array.from({ length: 10 }, (_, index) => index)),
    );
    const seeds = run.cases.flatMap((caseRun) => caseRun.samples.map((sample) => sample.seed));
    expect(new Set(seeds).size).toBe(30);
    expect(run.baseSeed).toBe(5);
  });

  it("keeps the interpreter's time to the first token and every count of its usage in each step's trace", async () => {
    const timed: Interpreter = {
      ...sim,
      interpret: async (call, options) => ({
        ...(await sim.interpret(call, options)),
        usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 8, cacheWriteTokens: 2, reasoningTokens: 1 },
        firstTokenMs: 42,
      }),
    };
    const run = await runProgram(program, { interpreter: timed });
    const steps = run.cases.flatMap((caseRun) => caseRun.samples.map((sample) => sample.trace.steps[0]));
    expect(steps).toHaveLength(30);
    for (const step of steps) {
      expect(step?.firstTokenMs).toBe(42);
      expect(step?.usage).toEqual({
        inputTokens: 12,
        outputTokens: 3,
        cachedInputTokens: 8,
        cacheWriteTokens: 2,
        reasoningTokens: 1,
      });
    }
  });

  it('runs no more calls at once than the interpreter works on', async () => {
    let inFlight = 0;
    let most = 0;
    const limited: Interpreter = {
      ...sim,
      instant: false,
      maxConcurrentCalls: 2,
      interpret: async (call, options) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        return sim.interpret(call, options);
      },
    };
    const run = await runProgram(program, { interpreter: limited, concurrency: 8 });
    expect(run.cases.flatMap((caseRun) => caseRun.samples)).toHaveLength(30);
    expect(most).toBe(2);
    most = 0;
    await runProgram(program, {
      interpreter: { ...limited, maxConcurrentCalls: undefined },
      concurrency: 8,
      readCache: false,
    });
    expect(most).toBe(8);
  });

  it('gives the same samples whatever the concurrency, and other samples for another base seed', async () => {
    const serial = await runProgram(program, { interpreter: sim, concurrency: 1 });
    const parallel = await runProgram(program, { interpreter: sim, concurrency: 16 });
    const reseeded = await runProgram(program, { interpreter: sim, seed: 6 });
    expect(outcomes(parallel)).toEqual(outcomes(serial));
    expect(outcomes(reseeded)).not.toEqual(outcomes(serial));
  });

  it('emits start and end events in pairs, ending with run-end', async () => {
    const events = new EventEmitter<RunEvents>();
    const seen: string[] = [];
    for (const name of [
      'run-start',
      'case-start',
      'sample-start',
      'step-end',
      'sample-end',
      'score',
      'case-end',
      'run-end',
    ] as const) {
      events.on(name, () => seen.push(name));
    }
    let clock = 1000;
    await runProgram(program, { interpreter: sim, events, concurrency: 1, clock: () => clock++, runId: 'r1' });
    const count = (name: string) => seen.filter((event) => event === name).length;
    expect(seen[0]).toBe('run-start');
    expect(seen.at(-1)).toBe('run-end');
    expect([count('case-start'), count('case-end')]).toEqual([3, 3]);
    expect([count('sample-start'), count('sample-end'), count('score')]).toEqual([30, 30, 30]);
  });

  it('turns a failing interpreter into error scores and goes on', async () => {
    const flaky: Interpreter = {
      id: 'flaky',
      description: 'fails on Japan',
      async interpret(call) {
        if (call.origin.caseId === 'jp') throw Object.assign(new Error('HTTP 503'), { isRetryable: true });
        return {
          text: String(call.origin.expected),
          finishReason: 'stop',
          warnings: [{ type: 'unsupported-setting', setting: 'seed', message: 'seed is ignored' }],
        };
      },
    };
    const run = await runProgram(program, { interpreter: flaky });
    const japan = run.cases.find((caseRun) => caseRun.caseId === 'jp');
    expect(japan?.samples.every((sample) => sample.score.status === 'error' && !sample.success)).toBe(true);
    expect(japan?.samples[0]?.trace.steps[0]?.error).toEqual({ message: 'HTTP 503', isRetryable: true });
    expect(run.cases.find((caseRun) => caseRun.caseId === 'fr')?.samples.every((sample) => sample.success)).toBe(true);
    expect(run.warnings).toEqual([{ type: 'unsupported-setting', setting: 'seed', message: 'seed is ignored' }]);
  });
});
