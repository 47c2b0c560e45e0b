import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterCall } from '../contracts/interpreter-call.js';
import type { Trace } from '../contracts/trace.js';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { createJudgeVerifier, judgeResponseFormat } from '../verifiers/judge/judge-verifier.js';
import type { VerifierContext } from '../verifiers/verifier.js';
import { cachedPrompt } from './cached-call.js';
import { createJudgeRuntime } from './judge-runtime.js';
import { defaultRetryPolicy } from './retry-policy.js';

const declaration = {
  name: 'correct',
  samples: 3,
  settings: { temperature: 1 },
  messages: [
    {
      role: 'user' as const,
      parts: [
        { kind: 'text' as const, text: 'Is this the capital of France? ' },
        { kind: 'interpolation' as const, path: ['output'], span: { start: 0, end: 0 } },
      ],
    },
  ],
};

function context(output: string, seed: number): VerifierContext {
  const trace: Trace = {
    programName: 'capitals',
    programHash: 'h',
    interpreterId: 'sim',
    caseId: 'france',
    sampleIndex: 0,
    seed,
    settings: {},
    steps: [],
  };
  return { inputs: {}, output, steps: { main: output }, expected: 'Paris', trace };
}

/** An interpreter that counts its calls; it fails the calls `failing` names by seed. */
function counting(inner: Interpreter, failing: (seed: number) => boolean = () => false) {
  const calls: InterpreterCall[] = [];
  const interpreter: Interpreter = {
    ...inner,
    async interpret(call, options) {
      calls.push(call);
      if (failing(options.seed)) throw Object.assign(new Error('connection refused'), { isRetryable: false });
      return inner.interpret(call, options);
    },
  };
  return { interpreter, calls };
}

function openStore() {
  return new SqliteStore(join(tempFolder(), 'store.sqlite'), Date.now, { writerThread: false });
}

describe("a judge's runtime", () => {
  it('caches answers in the store under the judge rubric’s keys: asking again calls nothing', async () => {
    const store = openStore();
    const { interpreter, calls } = counting(createSimInterpreter(simProfiles.medium as never, 'sim'));
    const runtime = (readCache = true) =>
      createJudgeRuntime('correct', interpreter, { retry: defaultRetryPolicy, store, readCache });
    const first = await createJudgeVerifier(declaration, runtime())(context('Paris', 5));
    store.flush();
    expect(calls).toHaveLength(3);
    const prompt = cachedPrompt('sim', declaration.settings, calls[0]?.messages ?? [], judgeResponseFormat);
    const stored = store.lookupSteps(prompt.keyPrefix);
    expect(stored.size).toBe(3);
    expect([...stored.values()].map((step) => step.name)).toEqual(['judge correct', 'judge correct', 'judge correct']);
    const second = await createJudgeVerifier(declaration, runtime())(context('Paris', 5));
    expect(calls).toHaveLength(3);
    expect(second.judge?.values).toEqual(first.judge?.values);
    await createJudgeVerifier(declaration, runtime(false))(context('Paris', 5));
    expect(calls).toHaveLength(6);
    store.close();
  });

  it("sums each answer's usage and latency into the verdicts, cached answers at what they used when made", async () => {
    const store = openStore();
    const { interpreter, calls } = counting(createSimInterpreter(simProfiles.medium as never, 'sim'));
    let time = 0;
    // Every reading of the clock is 7 ms later: each call takes a time of its own.
    const runtime = createJudgeRuntime('correct', interpreter, {
      retry: defaultRetryPolicy,
      store,
      clock: () => (time += 7),
    });
    const first = await createJudgeVerifier(declaration, runtime)(context('Paris', 5));
    store.flush();
    expect(calls).toHaveLength(3);
    const prompt = cachedPrompt('sim', declaration.settings, calls[0]?.messages ?? [], judgeResponseFormat);
    const steps = [...store.lookupSteps(prompt.keyPrefix).values()];
    const words = steps.map((step) => step.usage?.outputTokens ?? 0);
    expect(first.judge?.usage).toEqual({
      inputTokens: 3 * 7,
      outputTokens: words.reduce((sum, count) => sum + count, 0),
    });
    expect(first.judge?.latencyMs).toBe(steps.reduce((sum, step) => sum + step.latencyMs, 0));
    expect(first.judge?.latencyMs).toBeGreaterThan(0);
    const again = await createJudgeVerifier(declaration, runtime)(context('Paris', 5));
    expect(calls).toHaveLength(3);
    expect([again.judge?.usage, again.judge?.latencyMs]).toEqual([first.judge?.usage, first.judge?.latencyMs]);
    store.close();
  });

  it('keeps the answers it got when one call fails, and asks only the failed one again', async () => {
    const store = openStore();
    let failing = true;
    const failSeed = (seed: number) => failing && seed % 3 === 0;
    const { interpreter, calls } = counting(createSimInterpreter(simProfiles.medium as never, 'sim'), failSeed);
    const runtime = createJudgeRuntime('correct', interpreter, { retry: { ...defaultRetryPolicy, retries: 0 }, store });
    const seeds = [3, 4, 5];
    const call: InterpreterCall = {
      messages: [{ role: 'user', content: 'Is Paris the capital of France?' }],
      settings: {},
      responseFormat: judgeResponseFormat,
      origin: { programName: 'capitals', caseId: 'france', judge: { name: 'correct', output: 'Paris' } },
    };
    const answers = await runtime.ask(call, seeds);
    expect(answers[0]).toEqual({ failure: 'connection refused' });
    expect(answers.slice(1).every((answer) => 'text' in answer)).toBe(true);
    expect(calls).toHaveLength(3);
    failing = false;
    const again = await runtime.ask(call, seeds);
    expect(calls).toHaveLength(4);
    expect(again.slice(1)).toEqual(answers.slice(1));
    expect('text' in (again[0] ?? {})).toBe(true);
    store.close();
  });
});
