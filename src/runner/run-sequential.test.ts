import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../contracts/interpreter.js';
import type { RunEvents } from '../contracts/run-events.js';
import { defaultRetryPolicy, type RetryPolicy } from '../engine/retry-policy.js';
import { runProgram } from '../engine/run-program.js';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { compileProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { applySequentialOutcome } from './apply-sequential-outcome.js';
import { replaySequential } from './replay-sequential.js';
import { runSequential, sequentialErrorRateOf } from './run-sequential.js';
import { summarizeRun } from './summarize-run.js';

/** A program of `cases` cases that the simulator answers right with each case's own probability. */
function programOf(cases: number, samples: number, expectations: string, extra = ''): Program {
  const source = [
    'prog 1',
    'program echo',
    'input word: string',
    'prompt "Repeat {{ word }}."',
    'verify exact(expected)',
    ...Array.from({ length: cases }, (_, index) => `case "c${index}" { word: "w${index}" } -> "w${index}"`),
    `sample ${samples} seed 1`,
    extra,
    expectations,
  ].join('\n');
  const compiled = compileProgram(source, 'echo.prog');
  if (!compiled.program) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.program;
}

const large = createSimInterpreter(simProfiles.large as NonNullable<typeof simProfiles.large>);

describe('runSequential', () => {
  it('stops once every expectation is decided, on the first sample indices, with events in order', async () => {
    const program = programOf(10, 300, 'expect pass@1 >= 0.2\nexpect pass@2 <= 0.99\nexpect p95_latency <= 100');
    const events = new EventEmitter<RunEvents>();
    const ended: { caseId: string; index: number }[] = [];
    events.on('sample-end', (event) => ended.push({ caseId: event.caseId, index: event.sampleIndex }));
    const { run, sequential } = await runSequential(program, { interpreter: large, events }, 0.05);
    expect(sequential.end).toBe('decided');
    expect(sequential.roundSize).toBe(2);
    expect(sequential.expectationErrorRate).toBeCloseTo(0.025);
    expect(sequential.expectations.map((outcome) => outcome.decision)).toEqual(['pass', 'pass', 'not-sequential']);
    const perCase = run.cases.map((caseRun) => caseRun.samples.length);
    expect(Math.max(...perCase)).toBeLessThan(300);
    expect(Math.max(...perCase)).toBe(sequential.rounds * 2);
    // The samples alone give the same decisions back, as a stored run is reported.
    expect(replaySequential(program, run, 0.05)).toEqual(sequential);
    // The samples are the first indices of the uniform plan, with its seeds.
    const uniform = await runProgram(program, {
      interpreter: large,
      samplesByCase: new Map(run.cases.map((caseRun) => [caseRun.caseId, { from: 0, to: caseRun.samples.length }])),
    });
    expect(run.cases.map((caseRun) => caseRun.samples.map((sample) => sample.seed))).toEqual(
      uniform.cases.map((caseRun) => caseRun.samples.map((sample) => sample.seed)),
    );
    // Every sample reached the listeners once, each case's in index order (the rounds one after another).
    expect(ended).toHaveLength(run.cases.reduce((sum, caseRun) => sum + caseRun.samples.length, 0));
    for (const caseRun of run.cases) {
      const indices = ended.filter((event) => event.caseId === caseRun.caseId).map((event) => event.index);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
    }
  });

  it('never draws past the cap, and leaves an expectation the cap cannot decide undecided: not met, undetermined', async () => {
    const program = programOf(3, 2, 'expect pass@1 >= 0.6');
    const { run, sequential } = await runSequential(program, { interpreter: large });
    expect(sequential.end).toBe('cap-reached');
    expect(run.cases.every((caseRun) => caseRun.samples.length <= 2)).toBe(true);
    const summary = applySequentialOutcome(summarizeRun(program, run), sequential);
    expect(summary.expectations[0]?.sequential?.decision).toBe('undecided');
    expect(summary.expectations[0]?.met).toBe(false);
    expect(summary.status).toBe('undetermined');
  });

  it('decides a failure as soon as it is clear, and fails the program', async () => {
    const program = programOf(10, 200, 'expect pass@1 >= 0.99');
    const { sequential, run } = await runSequential(program, { interpreter: large });
    expect(sequential.expectations[0]?.decision).toBe('fail');
    expect(applySequentialOutcome(summarizeRun(program, run), sequential).status).toBe('failed');
  });

  it("replaces a failed sample by the case's next index, and never passes the cap for it", async () => {
    const program = programOf(4, 60, 'expect pass@1 >= 0.2');
    // Every third call fails, without retries: those samples score as errors and are not counted.
    let calls = 0;
    const flaky: Interpreter = {
      ...large,
      id: 'flaky',
      interpret: async (call, options) => {
        calls++;
        if (calls % 3 === 0) throw new Error('the server is down');
        return large.interpret(call, options);
      },
    };
    const noRetry: RetryPolicy = { ...defaultRetryPolicy, retries: 0 };
    const { run, sequential } = await runSequential(program, { interpreter: flaky, retry: noRetry, concurrency: 1 });
    expect(sequential.end).toBe('decided');
    const failed = run.cases.flatMap((caseRun) => caseRun.samples).filter((sample) => sample.score.status === 'error');
    expect(failed.length).toBeGreaterThan(0);
    for (const caseRun of run.cases) {
      const scored = caseRun.samples.filter((sample) => sample.score.status === 'scored').length;
      expect(scored).toBeGreaterThanOrEqual(sequential.rounds);
      expect(Math.max(...caseRun.samples.map((sample) => sample.index))).toBeLessThan(60);
    }
  });

  it("takes the error rate from --sequential, else the file's, else 0.05", () => {
    const plain = programOf(1, 4, 'expect pass@1 >= 0.5');
    const inFile = programOf(1, 4, 'expect pass@1 >= 0.5', 'sequential error 0.1');
    expect(sequentialErrorRateOf(plain, undefined)).toBeUndefined();
    expect(sequentialErrorRateOf(plain, {})).toBe(0.05);
    expect(sequentialErrorRateOf(inFile, undefined)).toBe(0.1);
    expect(sequentialErrorRateOf(inFile, { errorRate: 0.01 })).toBe(0.01);
  });
});
