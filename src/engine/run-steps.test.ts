import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { cacheKey, cacheKeyPrefix, promptHash } from '../contracts/cache-key.js';
import type { Interpreter } from '../contracts/interpreter.js';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { compileProgram, loadProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { runProgram } from './run-program.js';
import { stepSeed } from './run-steps.js';

const sim = createSimInterpreter(simProfiles.large as NonNullable<typeof simProfiles.large>);

const files = {
  'summarize.prog': `prog 1
program summarize
input text: string
input style: "short" | "long" = "short"
step draft = "Draft a {{ style }} summary of: {{ text }}"
prompt "Tighten this summary: {{ draft }}"
verify length({ min: 1 })
case "one" { text: "a" }
`,
  'answer.prog': `prog 1
import { summarize } from "./summarize.prog"
program answer
input question: string
system "Be brief."
step notes = summarize(text: question)
step reply = """
  Notes: {{ notes }}
  Answer: {{ question }}
  """
verify exact(expected) and length(steps.notes, { min: 1 })
case "q1" { question: "What is 2 + 2?" } -> "4"
case "q2" { question: "Capital of France?" } -> "Paris"
sample 6 seed 3
`,
};

async function load(folder: string, file = 'answer.prog'): Promise<Program> {
  const loaded = await loadProgram(file, folder);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.program as Program;
}

/** The simulator, counting its calls and failing those whose prompt matches `failOn`. */
function counting(failOn?: RegExp): Interpreter & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: sim.id,
    description: sim.description,
    calls,
    async interpret(call, options) {
      const text = call.messages.map((message) => message.content).join('\n');
      calls.push(text);
      if (failOn?.test(text)) throw Object.assign(new Error('HTTP 500'), { isRetryable: false });
      return sim.interpret(call, options);
    },
  };
}

describe('a program of several steps', () => {
  it('runs each step in order, nests the called program trace, and gives verifiers every step', async () => {
    const program = await load(tempFolder(files));
    expect(program.steps.map((step) => [step.kind, step.name])).toEqual([
      ['call', 'notes'],
      ['prompt', 'reply'],
    ]);
    const run = await runProgram(program, { interpreter: sim });
    const sample = run.cases[0]?.samples[0];
    if (!sample) throw new Error('no sample');
    const [notes, reply] = sample.trace.steps;
    expect(notes?.name).toBe('notes');
    expect(notes?.messages).toEqual([]);
    const child = notes?.children?.[0];
    expect(child?.programName).toBe('summarize');
    expect(child?.steps.map((step) => step.name)).toEqual(['draft', 'main']);
    // The call step's seed is the sample's (it is step 0); the callee's steps derive theirs from it.
    expect(child?.seed).toBe(sample.seed);
    expect(child?.steps[0]?.messages).toEqual([{ role: 'user', content: 'Draft a short summary of: What is 2 + 2?' }]);
    expect(child?.steps[1]?.messages[0]?.content).toBe(`Tighten this summary: ${child?.steps[0]?.text}`);
    expect(notes?.output).toBe(child?.steps[1]?.output);
    // A later step reads the earlier step's output, and the system message applies to every prompt step.
    expect(reply?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Notes: ${notes?.output}\nAnswer: What is 2 + 2?` },
    ]);
    expect(sample.output).toBe(reply?.output);
    // `length(steps.notes, …)` read the called program's output: the score has both parts, and no error.
    expect(run.cases.flatMap((caseRun) => caseRun.samples).every((record) => record.score.status === 'scored')).toBe(
      true,
    );
    expect(run.cases.flatMap((caseRun) => caseRun.samples).some((record) => record.success)).toBe(true);
  });

  it("sums every count of the called program's usage into the step that called it", async () => {
    const program = await load(tempFolder(files));
    const withParts: Interpreter = {
      ...sim,
      async interpret(call, options) {
        const result = await sim.interpret(call, options);
        return { ...result, usage: { inputTokens: 10, outputTokens: 4, cachedInputTokens: 6, reasoningTokens: 1 } };
      },
    };
    const run = await runProgram(program, { interpreter: withParts });
    const notes = run.cases[0]?.samples[0]?.trace.steps[0];
    expect(notes?.children?.[0]?.steps).toHaveLength(2);
    expect(notes?.usage).toEqual({ inputTokens: 20, outputTokens: 8, cachedInputTokens: 12, reasoningTokens: 2 });
  });

  it('derives a distinct seed for each later step, and keeps the sample seed for step 0', () => {
    expect(stepSeed(12345, 0)).toBe(12345);
    const seeds = new Set([0, 1, 2, 3].map((index) => stepSeed(12345, index)));
    expect(seeds.size).toBe(4);
  });

  it('caches its first prompt step under the key a one-prompt program would use', async () => {
    const single = compileProgram(
      'prog 1\nprogram p\ninput x: string\nprompt "Say {{ x }}"\nverify exact(expected)\ncase "a" { x: "hi" } -> "hi"\n',
      'p.prog',
    ).program as Program;
    const double = compileProgram(
      'prog 1\nprogram p\ninput x: string\nprompt "Say {{ x }}"\nstep again = "Again: {{ main }}"\nverify exact(expected)\ncase "a" { x: "hi" } -> "hi"\n',
      'p.prog',
    ).program as Program;
    const store = new SqliteStore(join(tempFolder(), 'store.sqlite'));
    try {
      const run = await runProgram(single, { interpreter: sim });
      const seed = run.cases[0]?.samples[0]?.seed as number;
      const key = cacheKey(cacheKeyPrefix(sim.id, {}, promptHash([{ role: 'user', content: 'Say hi' }])), seed);
      store.startRun({ id: 'r', command: { argv: [], cwd: '.' } });
      const startProgram = (name: string, hash: string) =>
        store.startProgramRun({
          runId: 'r',
          programName: name,
          interpreterId: sim.id,
          programFile: 'p.prog',
          programHash: hash,
          baseSeed: 0,
          samplesPerCase: 1,
          planned: 1,
        });
      startProgram('p', single.hash);
      await runProgram(single, { interpreter: sim, store, runId: 'r' });
      store.flush();
      expect([...store.lookupSteps(key.slice(0, key.indexOf('.'))).keys()]).toEqual([key]);
      // The two-step program has another hash, hence other sample seeds; at the same seed, step 0 hits the cache.
      expect(double.hash).not.toBe(single.hash);
      const interpreter = counting();
      const reseeded = { ...double, hash: single.hash };
      startProgram('p2', single.hash);
      await runProgram({ ...reseeded, name: 'p2' }, { interpreter, store, runId: 'r' });
      expect(interpreter.calls).toEqual([`Again: ${run.cases[0]?.samples[0]?.output}`]);
    } finally {
      store.close();
    }
  });

  it('resumes step by step: finished steps come from the store, only failed and later ones are called', async () => {
    const folder = tempFolder(files);
    const program = await load(folder);
    const store = new SqliteStore(join(folder, 'store.sqlite'));
    try {
      store.startRun({ id: 'r1', command: { argv: [], cwd: folder } });
      const start = (runId: string) => {
        if (runId !== 'r1') store.startRun({ id: runId, command: { argv: [], cwd: folder } });
        store.startProgramRun({
          runId,
          programName: program.name,
          interpreterId: sim.id,
          programFile: program.file,
          programHash: program.hash,
          baseSeed: 3,
          samplesPerCase: 6,
          planned: 12,
        });
      };
      start('r1');
      // The first run's last step fails everywhere: the called program's two steps are done and cached.
      const failing = counting(/^Be brief\./);
      const first = await runProgram(program, { interpreter: failing, store, runId: 'r1' });
      const samples = first.cases.flatMap((caseRun) => caseRun.samples);
      expect(samples).toHaveLength(12);
      expect(samples.every((sample) => sample.score.status === 'error')).toBe(true);
      expect(failing.calls).toHaveLength(12 * 3);

      start('r2');
      const resumed = counting();
      const second = await runProgram(program, { interpreter: resumed, store, runId: 'r2' });
      expect(resumed.calls).toHaveLength(12);
      expect(resumed.calls.every((text) => text.startsWith('Be brief.'))).toBe(true);
      expect(second.cacheHits).toBe(0);

      start('r3');
      const third = counting();
      const again = await runProgram(program, { interpreter: third, store, runId: 'r3' });
      expect(third.calls).toEqual([]);
      expect(again.cacheHits).toBe(12);
      const outcomes = (run: typeof again) =>
        run.cases.flatMap((caseRun) => caseRun.samples.map((sample) => [sample.seed, sample.output, sample.success]));
      expect(outcomes(again)).toEqual(outcomes(second));
      expect(again.cases[0]?.samples[0]?.trace.steps.every((step) => step.cached)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('resumes a run cancelled between steps without calling any finished step again', async () => {
    const folder = tempFolder(files);
    const program = await load(folder);
    const store = new SqliteStore(join(folder, 'store.sqlite'));
    try {
      const start = (runId: string) => {
        store.startRun({ id: runId, command: { argv: [], cwd: folder } });
        store.startProgramRun({
          runId,
          programName: program.name,
          interpreterId: sim.id,
          programFile: program.file,
          programHash: program.hash,
          baseSeed: 3,
          samplesPerCase: 6,
          planned: 12,
        });
      };
      // Cancelled after 14 calls: four samples, and the first two steps of the fifth, whose last call is cancelled.
      // Those two steps are kept; the cancelled sample is not a result.
      const cancel = new AbortController();
      const done: string[] = [];
      const cancelling: Interpreter = {
        id: sim.id,
        description: sim.description,
        async interpret(call, options) {
          if (done.length === 14) {
            cancel.abort(new Error('killed'));
            throw Object.assign(new Error('cancelled'), { isRetryable: false });
          }
          const result = await sim.interpret(call, options);
          done.push(call.messages.map((message) => message.content).join('\n'));
          return result;
        },
      };
      start('r1');
      const first = await runProgram(program, {
        interpreter: cancelling,
        store,
        runId: 'r1',
        concurrency: 1,
        signal: cancel.signal,
      });
      expect(first.interrupted).toBe(true);
      expect(first.cases.flatMap((caseRun) => caseRun.samples)).toHaveLength(4);
      start('r2');
      const resumed = counting();
      const second = await runProgram(program, { interpreter: resumed, store, runId: 'r2' });
      expect(second.cases.flatMap((caseRun) => caseRun.samples)).toHaveLength(12);
      // Every step of every sample is called exactly once across the two runs.
      expect(done.length + resumed.calls.length).toBe(12 * 3);
      expect(resumed.calls.filter((text) => text.startsWith('Be brief.'))).toHaveLength(8);
    } finally {
      store.close();
    }
  });

  it('stops a sample at the first failed step and scores it as an error', async () => {
    const program = await load(tempFolder(files));
    const run = await runProgram(program, { interpreter: counting(/^Draft/) });
    const sample = run.cases[0]?.samples[0];
    expect(sample?.trace.steps.map((step) => step.name)).toEqual(['notes']);
    expect(sample?.trace.steps[0]?.error?.message).toBe('summarize: HTTP 500');
    expect(sample?.score.status).toBe('error');
  });
});
