import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { passAtK } from '../../stats/pass-at-k.js';
import { answerWithoutReference } from './answer-without-reference.js';
import { caseProbability } from './case-probability.js';
import { createSimInterpreter } from './sim-interpreter.js';
import { simProfiles } from './sim-profile.js';
import { refusal, type WrongAnswerContext, wrongAnswer } from './wrong-answer.js';

const medium = simProfiles.medium as NonNullable<(typeof simProfiles)['medium']>;
const call = (caseId: string, expected: unknown, temperature?: number): InterpreterCall => ({
  messages: [{ role: 'user', content: 'Label this review as positive, negative or neutral. It is about Paris.' }],
  settings: temperature === undefined ? {} : { temperature },
  origin: { programName: 'reviews', caseId, expected },
});

describe('the simulator', () => {
  it('gives the same text for the same call and seed, across instances', async () => {
    const a = createSimInterpreter(medium);
    const b = createSimInterpreter(medium);
    for (let seed = 0; seed < 50; seed++) {
      const [first, second] = await Promise.all([
        a.interpret(call('c1', 'negative'), { seed }),
        b.interpret(call('c1', 'negative'), { seed }),
      ]);
      expect(second).toEqual(first);
    }
  });

  it('succeeds at the case probability over many seeds (within 4 binomial standard errors)', async () => {
    const interpreter = createSimInterpreter(medium);
    for (const caseId of ['a', 'b', 'c', 'd', 'e']) {
      const p = caseProbability(medium, 'reviews', caseId);
      const draws = 2000;
      let successes = 0;
      for (let seed = 0; seed < draws; seed++) {
        const result = await interpreter.interpret(call(caseId, 'negative'), { seed: seed * 7919 });
        if (result.text === 'negative') successes++;
      }
      const standardError = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(successes / draws - p)).toBeLessThanOrEqual(4 * standardError + 1e-9);
    }
  });

  it('draws case probabilities whose spread gives rising pass@k curves', () => {
    const ps = Array.from({ length: 400 }, (_, index) => caseProbability(medium, 'suite', `case-${index}`));
    const mean = ps.reduce((sum, p) => sum + p, 0) / ps.length;
    const expectedMean = (1 - medium.zeroMass) * (medium.alpha / (medium.alpha + medium.beta));
    expect(Math.abs(mean - expectedMean)).toBeLessThan(0.05);
    expect(ps.filter((p) => p === 0).length).toBeGreaterThan(5);
    // pass@k on an exact binomial expectation: E[1 - (1-p)^k] grows with k and stays below the solvable share.
    const passAt = (k: number) => ps.reduce((sum, p) => sum + 1 - (1 - p) ** k, 0) / ps.length;
    expect(passAt(1)).toBeLessThan(passAt(10));
    expect(passAt(10)).toBeLessThan(passAt(100));
    expect(passAt(100)).toBeLessThanOrEqual(1 - ps.filter((p) => p === 0).length / ps.length + 1e-12);
    expect(passAtK(10, 3, 2)).toBeCloseTo(0.5333333333333333, 14);
  });

  it('orders its profiles: a case is no harder for a larger profile, on average', () => {
    const mean = (name: 'small' | 'medium' | 'large') => {
      const profile = simProfiles[name] as typeof medium;
      const ps = Array.from({ length: 300 }, (_, index) => caseProbability(profile, 'suite', `case-${index}`));
      return ps.reduce((sum, p) => sum + p, 0) / ps.length;
    };
    expect(mean('small')).toBeLessThan(mean('medium'));
    expect(mean('medium')).toBeLessThan(mean('large'));
  });

  it('is greedy at temperature 0: every seed gives the same answer', async () => {
    const interpreter = createSimInterpreter(medium);
    const texts = new Set<string>();
    for (let seed = 0; seed < 30; seed++)
      texts.add((await interpreter.interpret(call('g', 'neutral', 0), { seed })).text);
    expect(texts.size).toBe(1);
  });

  it('reports usage in words on every path: answers, judge verdicts, agent turns and user turns', async () => {
    const interpreter = createSimInterpreter(medium);
    const answer = await interpreter.interpret(call('c1', 'negative'), { seed: 1 });
    expect(answer.usage).toEqual({ inputTokens: 12, outputTokens: answer.text.split(/\s+/).length });
    const judged = await interpreter.interpret(
      {
        ...call('c1', 'negative'),
        messages: [
          { role: 'system', content: 'Score the answer from 0 to 1.' },
          { role: 'user', content: 'Answer: negative' },
        ],
        origin: {
          programName: 'reviews',
          caseId: 'c1',
          expected: 'negative',
          judge: { name: 'j', output: 'negative' },
        },
      },
      { seed: 1 },
    );
    expect(judged.usage).toEqual({ inputTokens: 9, outputTokens: judged.text.trim().split(/\s+/).length });
    const tools = [{ name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: {} } }];
    const turn = await interpreter.interpret(
      { ...call('c1', 'negative'), tools, origin: { programName: 'reviews', caseId: 'c1', agent: { turn: 0 } } },
      { seed: 1 },
    );
    expect(turn.usage?.inputTokens).toBe(12);
    expect(turn.usage?.outputTokens).toBeGreaterThan(0);
    const user = await interpreter.interpret(
      {
        ...call('c1', 'negative'),
        origin: {
          programName: 'reviews',
          caseId: 'c1',
          simulatedUser: { turn: 0, instructions: 'Ask.', stop: 'STOP' },
        },
      },
      { seed: 1 },
    );
    expect(user.usage?.inputTokens).toBe(12);
    expect(user.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('honours an aborted signal', async () => {
    const interpreter = createSimInterpreter(medium);
    const controller = new AbortController();
    controller.abort();
    await expect(interpreter.interpret(call('a', 'x'), { seed: 1, signal: controller.signal })).rejects.toThrow();
  });
});

describe('wrong answers', () => {
  const prompt = 'Label this review as positive, negative or neutral. What is the capital of Japan?';

  it('are never the right answer, for many seeds and kinds of answer', () => {
    for (const expected of [
      'negative',
      'Tokyo',
      'New Delhi',
      42,
      '3.5',
      'a longer answer with several words',
      { city: 'Paris', rank: 1 },
      true,
    ]) {
      for (let seed = 0; seed < 200; seed++) {
        const wrong = wrongAnswer(expected, { prompt, others: [] }, seed);
        expect(wrong).not.toBe('');
        expect(wrong.trim().toLowerCase()).not.toBe(
          String(typeof expected === 'object' ? JSON.stringify(expected) : expected).toLowerCase(),
        );
      }
    }
  });

  it('look plausible: other options of a list, nearby numbers, names from the prompt, same-shape objects', () => {
    const answers = (expected: unknown) =>
      new Set(Array.from({ length: 100 }, (_, seed) => wrongAnswer(expected, { prompt, others: [] }, seed)));
    expect(answers('negative')).toContain('positive');
    expect(answers('negative')).toContain('neutral');
    expect([...answers(42)].every((text) => Math.abs(Number(text) - 42) <= 10)).toBe(true);
    expect(answers('Tokyo')).toContain('Japan');
    for (const text of answers({ city: 'Paris', rank: 1 }))
      expect(Object.keys(JSON.parse(text))).toEqual(['city', 'rank']);
  });
});

describe('wrong answers a verifier can tell from right ones', () => {
  const context = { prompt: 'What is the capital of France?', others: ['Paris', 'Tokyo', 'Ottawa', 'Canberra'] };
  const answers = (expected: unknown, extra: Partial<WrongAnswerContext> = {}) =>
    Array.from({ length: 400 }, (_, seed) => wrongAnswer(expected, { ...context, ...extra }, seed));

  it('are rarely a typo of the answer, so a lenient similarity check does not pass them', () => {
    const wrong = answers('Paris');
    const similarity = (a: string, b: string) => 1 - distance(a, b) / Math.max(a.length, b.length);
    const close = wrong.filter((text) => similarity(text, 'Paris') >= 0.8);
    expect(close.length / wrong.length).toBeLessThan(0.25);
    expect(new Set(wrong)).toContain('Tokyo');
    expect(new Set(wrong)).toContain(refusal);
  });

  it('never contain the right answer, nor are contained in it', () => {
    for (const expected of ['Paris', 'a longer answer with several words', 'Tokyo Tower']) {
      for (const text of answers(expected, { others: ['Paris', 'Tokyo', 'answer', 'several words later'] })) {
        expect(text.toLowerCase().includes(expected.toLowerCase()), text).toBe(false);
        expect(expected.toLowerCase().includes(text.toLowerCase()), text).toBe(false);
      }
    }
  });

  it('give another label of the output type', () => {
    const schema = { type: 'object', properties: { urgency: { type: 'string', enum: ['low', 'medium', 'high'] } } };
    const labels = new Set(answers({ urgency: 'high' }, { schema }).map((text) => JSON.parse(text).urgency));
    expect([...labels].sort()).toEqual(['low', 'medium']);
  });
});

describe('cases without a reference value', () => {
  const prompt = 'Write one sentence about Lisbon.\nCity: Lisbon';
  it('get an on-topic reply when the sample succeeds, and a failing one otherwise', () => {
    expect(answerWithoutReference(true, prompt, 1)).toContain('City: Lisbon');
    const failures = new Set(Array.from({ length: 50 }, (_, seed) => answerWithoutReference(false, prompt, seed)));
    expect(failures).toContain(refusal);
    for (const text of failures) expect(text).not.toContain('Lisbon');
  });

  it('get a value of the output type when it has one', () => {
    const schema = { type: 'object', properties: { label: { enum: ['a', 'b'] }, count: { type: 'integer' } } };
    expect(JSON.parse(answerWithoutReference(true, prompt, 1, schema))).toEqual({ label: 'a', count: 1 });
  });

  it('pass about as often as the case probability says, unlike before when they never could', async () => {
    const interpreter = createSimInterpreter(medium);
    let passed = 0;
    for (let seed = 0; seed < 400; seed++) {
      const result = await interpreter.interpret(
        { messages: [{ role: 'user', content: prompt }], settings: {}, origin: { programName: 'p', caseId: 'c' } },
        { seed },
      );
      if (result.text.includes('Lisbon')) passed++;
    }
    const p = caseProbability(medium, 'p', 'c');
    expect(Math.abs(passed / 400 - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 400) + 1e-9);
  });
});

describe('the RL-sharpened profile', () => {
  it('has a higher pass@1 than medium but a lower pass@k at large k, so the curves cross', () => {
    const curve = (name: 'medium' | 'medium-rl', k: number) => {
      const profile = simProfiles[name] as typeof medium;
      const ps = Array.from({ length: 500 }, (_, index) => caseProbability(profile, 'suite', `case-${index}`));
      return ps.reduce((sum, p) => sum + 1 - (1 - p) ** k, 0) / ps.length;
    };
    expect(curve('medium-rl', 1)).toBeGreaterThan(curve('medium', 1) + 0.03);
    expect(curve('medium-rl', 100)).toBeLessThan(curve('medium', 100) - 0.1);
  });
});
