import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../../contracts/interpreter.js';
import type { Trace } from '../../contracts/trace.js';
import { createSimInterpreter } from '../../interpreters/sim/sim-interpreter.js';
import { simJudgeNoise, simTrueQuality } from '../../interpreters/sim/sim-judge.js';
import { simProfiles } from '../../interpreters/sim/sim-profile.js';
import type { VerifierContext } from '../verifier.js';
import type { JudgeDefinition } from './judge-definition.js';
import { summarizeVerdicts } from './judge-verdicts.js';
import { createJudgeVerifier, type JudgeAnswer, type JudgeRuntime, judgeSeed } from './judge-verifier.js';
import { parseVerdict } from './parse-verdict.js';

describe('reading a judge answer as a score', () => {
  it.each([
    ['{"score": 0.75, "reason": "mostly right"}', 0.75],
    ['```json\n{ "score": 1, "reason": "exact" }\n```', 1],
    ['The summary is polite. 8/10', 0.8],
    ['Considering 3 points... Score: 0.4', 0.4],
    ['Rating = .9', 0.9],
    ['I would say 0', 0],
  ])('%j reads as %d', (text, value) => {
    expect(parseVerdict(text)).toMatchObject({ ok: true, value });
  });

  it('keeps the reason of a JSON verdict', () => {
    expect(parseVerdict('{"score": 0.2, "reason": "rude"}')).toEqual({ ok: true, value: 0.2, reason: 'rude' });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['Looks fine to me.', /holds no score/],
    ['Score: 7', /not a number from 0 to 1/],
    ['{"score": "high"}', /not a number/],
    ['{"score": 1.5}', /not a number from 0 to 1/],
  ])('%j is refused with a reason', (text, problem) => {
    const verdict = parseVerdict(text);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.problem).toMatch(problem);
  });

  it('reads unicode and a very long answer, taking the last score', () => {
    const long = `${'Ünïcödé reasoning, 0.3 at first. '.repeat(20_000)}Final score: 0.6`;
    expect(parseVerdict(long)).toMatchObject({ ok: true, value: 0.6 });
  });
});

describe('summarising a judge’s samples', () => {
  it('gives mean, spread and pairwise agreement at 0.5', () => {
    const summary = summarizeVerdicts('polite', 'sim', [0.9, 0.7, 0.2, null]);
    expect(summary.mean).toBeCloseTo(0.6, 12);
    expect(summary.spread).toBeCloseTo(Math.sqrt((0.09 + 0.01 + 0.16) / 3), 12);
    // Two passes and one fail: one agreeing pair of three.
    expect(summary.agreement).toBeCloseTo(1 / 3, 12);
  });

  it('has no agreement for one score and no mean for none', () => {
    expect(summarizeVerdicts('j', 'sim', [0.4])).toMatchObject({ mean: 0.4, spread: 0, agreement: null });
    expect(summarizeVerdicts('j', 'sim', [null, null])).toMatchObject({ mean: null, agreement: null });
  });
});

const declaration = (samples: number, temperature = 1): JudgeDefinition => ({
  name: 'correct',
  samples,
  settings: { temperature },
  messages: [
    {
      role: 'user',
      parts: [
        { kind: 'text', text: 'Is this the capital of ' },
        { kind: 'interpolation', path: ['country'], span: { start: 0, end: 0 } },
        { kind: 'text', text: '? ' },
        { kind: 'interpolation', path: ['output'], span: { start: 0, end: 0 } },
      ],
    },
  ],
});

/** Asks the interpreter directly, once per seed: what the engine's runtime does without a store or limits. */
function asking(interpreter: Interpreter): JudgeRuntime {
  return {
    interpreterId: interpreter.id,
    ask: (call, seeds) =>
      Promise.all(
        seeds.map((seed) =>
          interpreter.interpret(call, { seed }).then(
            (result) => ({ text: result.text }),
            (error: Error) => ({ failure: error.message }),
          ),
        ),
      ),
  };
}

function context(output: string, seed: number, caseId = 'france'): VerifierContext {
  const trace: Trace = {
    programName: 'capitals',
    programHash: 'h',
    interpreterId: 'sim',
    caseId,
    sampleIndex: 0,
    seed,
    settings: {},
    steps: [],
  };
  return { inputs: { country: 'France' }, output, steps: { main: output }, expected: 'Paris', trace };
}

/** An interpreter that counts its calls and keeps the messages it was sent. */
function counting(inner: Interpreter) {
  const calls: { seed: number; content: string }[] = [];
  const interpreter: Interpreter = {
    ...inner,
    async interpret(call, options) {
      calls.push({ seed: options.seed, content: call.messages.map((message) => message.content).join('\n') });
      return inner.interpret(call, options);
    },
  };
  return { interpreter, calls };
}

describe('a judge as a verifier', () => {
  it('renders its rubric, asks m times at distinct seeds, and keeps every verdict as a part', async () => {
    const { interpreter, calls } = counting(createSimInterpreter(simProfiles.large as never, 'sim:large'));
    const verifier = createJudgeVerifier(declaration(5), asking(interpreter));
    const score = await verifier(context('Paris', 11));
    expect(calls).toHaveLength(5);
    expect(new Set(calls.map((call) => call.seed)).size).toBe(5);
    expect(calls[0]?.content).toBe('Is this the capital of France? Paris');
    expect(score.status).toBe('scored');
    expect(score.parts).toHaveLength(5);
    expect(score.judge?.values).toHaveLength(5);
    const mean = ((score.judge?.values ?? []) as number[]).reduce((sum, value) => sum + value, 0) / 5;
    expect(score.value).toBeCloseTo(mean, 12);
    expect(score.explanation).toMatch(/mean of 5 of 5 verdicts, spread \d\.\d\d, agreement \d\.\d\d/);
  });

  it('sums the usage and latency of its answers, unreadable ones included, and leaves them out when none has any', async () => {
    const scripted = (answers: readonly JudgeAnswer[]): JudgeRuntime => ({
      interpreterId: 'scripted',
      ask: async () => answers,
    });
    const verdict = '{"score": 1, "reason": "right"}';
    const score = await createJudgeVerifier(
      declaration(3),
      scripted([
        { text: verdict, usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 80 }, latencyMs: 300 },
        { text: 'no verdict here', usage: { inputTokens: 100, outputTokens: 30, reasoningTokens: 25 }, latencyMs: 200 },
        { text: verdict, latencyMs: 50 },
      ]),
    )(context('Paris', 1));
    expect(score.judge).toMatchObject({
      values: [1, null, 1],
      usage: { inputTokens: 200, outputTokens: 50, cachedInputTokens: 80, reasoningTokens: 25 },
      latencyMs: 550,
    });
    const bare = await createJudgeVerifier(declaration(1), scripted([{ text: verdict }]))(context('Paris', 1));
    expect(bare.judge).toEqual({
      judge: 'correct',
      interpreterId: 'scripted',
      values: [1],
      mean: 1,
      spread: 0,
      agreement: null,
    });
  });

  it('is seeded: the same sample gets the same verdicts, another sample other ones', async () => {
    const interpreter = createSimInterpreter(simProfiles.small as never, 'sim:small');
    const runtime = asking(interpreter);
    const verifier = createJudgeVerifier(declaration(8), runtime);
    const first = await verifier(context('Lyon', 1));
    const again = await verifier(context('Lyon', 1));
    const other = await verifier(context('Lyon', 2));
    expect(again.judge?.values).toEqual(first.judge?.values);
    expect(other.judge?.values).not.toEqual(first.judge?.values);
    expect(judgeSeed('correct', 1, 0)).not.toBe(judgeSeed('polite', 1, 0));
  });

  it('separates right from wrong answers, more reliably for a stronger simulated judge', async () => {
    const agreementOf = async (profile: 'small' | 'large') => {
      const interpreter = createSimInterpreter(simProfiles[profile] as never, `sim:${profile}`);
      const verifier = createJudgeVerifier(declaration(1), asking(interpreter));
      let agree = 0;
      for (let seed = 0; seed < 400; seed++) {
        const right = seed % 2 === 0;
        const score = await verifier(context(right ? 'Paris' : 'Lyon', seed));
        if ((score.value as number) >= 0.5 === right) agree++;
      }
      return agree / 400;
    };
    const small = await agreementOf('small');
    const large = await agreementOf('large');
    expect(1 - simJudgeNoise(simProfiles.small as never).flip).toBeCloseTo(0.75, 1);
    expect(small).toBeGreaterThan(0.65);
    expect(small).toBeLessThan(0.85);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeGreaterThan(0.9);
  });

  it('is greedy at temperature 0: every sample agrees with the truth', async () => {
    const interpreter = createSimInterpreter(simProfiles.small as never, 'sim:small');
    const verifier = createJudgeVerifier(declaration(4, 0), asking(interpreter));
    const score = await verifier(context('paris ', 3));
    expect(score.judge).toMatchObject({ values: [1, 1, 1, 1], agreement: 1, spread: 0 });
    expect(simTrueQuality('Lyon', 'Paris')).toBe(0);
  });

  it('gives an error score naming the judge when a call fails or no answer holds a score', async () => {
    const failing: Interpreter = {
      id: 'broken',
      description: 'fails',
      async interpret() {
        throw new Error('connection refused');
      },
    };
    const failed = await createJudgeVerifier(declaration(2), asking(failing))(context('Paris', 1));
    expect(failed).toMatchObject({ status: 'error', value: null, name: 'correct' });
    expect(failed.explanation).toMatch(/judge correct could not be asked: connection refused/);

    const vague: Interpreter = {
      id: 'vague',
      description: 'never scores',
      async interpret() {
        return { text: 'It depends.', finishReason: 'stop', warnings: [] };
      },
    };
    const unscored = await createJudgeVerifier(declaration(2), asking(vague))(context('Paris', 1));
    expect(unscored.status).toBe('error');
    expect(unscored.explanation).toMatch(/gave no score in 2 answers: the judge's answer holds no score/);
    expect(JSON.parse(JSON.stringify(unscored)).value).toBeNull();
  });
});
