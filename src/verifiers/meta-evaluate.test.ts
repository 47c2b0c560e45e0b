import { describe, expect, it } from 'vitest';
import { scored } from '../contracts/score.js';
import { createSimInterpreter } from '../interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../interpreters/sim/sim-profile.js';
import type { JudgeDefinition } from './judge/judge-definition.js';
import { createJudgeVerifier } from './judge/judge-verifier.js';
import { type LabelledOutput, metaEvaluate } from './meta-evaluate.js';
import type { Verifier } from './verifier.js';

const capitals: [string, string, string][] = [
  ['France', 'Paris', 'Lyon'],
  ['Japan', 'Tokyo', 'Osaka'],
  ['Canada', 'Ottawa', 'Toronto'],
  ['Australia', 'Canberra', 'Sydney'],
  ['Brazil', 'Brasília', 'Rio de Janeiro'],
  ['Nigeria', 'Abuja', 'Lagos'],
  ['Turkey', 'Ankara', 'Istanbul'],
  ['Switzerland', 'Bern', 'Zurich'],
];

/** Labelled outputs: each country answered right and wrong, several times, labelled 1 and 0 by a human. */
function labelledRows(copies: number): LabelledOutput[] {
  return capitals.flatMap(([country, capital, wrong]) =>
    Array.from({ length: copies }, (_, copy) => [
      { id: `${country}-right-${copy}`, inputs: { country }, output: capital, expected: capital, label: 1 },
      { id: `${country}-wrong-${copy}`, inputs: { country }, output: wrong, expected: capital, label: 0 },
    ]).flat(),
  );
}

const judge = (samples: number): JudgeDefinition => ({
  name: 'correct',
  samples,
  settings: { temperature: 1 },
  messages: [
    {
      role: 'user',
      parts: [
        { kind: 'text', text: 'Capital of ' },
        { kind: 'interpolation', path: ['country'], span: { start: 0, end: 0 } },
        { kind: 'text', text: ': ' },
        { kind: 'interpolation', path: ['output'], span: { start: 0, end: 0 } },
      ],
    },
  ],
});

function simJudge(profile: 'small' | 'large', samples: number): Verifier {
  const interpreter = createSimInterpreter(simProfiles[profile] as never, `sim:${profile}`);
  return createJudgeVerifier(judge(samples), {
    interpreterId: interpreter.id,
    ask: (call, seeds) =>
      Promise.all(seeds.map((seed) => interpreter.interpret(call, { seed }).then((result) => ({ text: result.text })))),
  });
}

describe('meta-evaluation of a verifier against human labels', () => {
  it('finds a strong judge agreeing with the labels more than a weak one', async () => {
    const rows = labelledRows(5);
    const strong = await metaEvaluate(simJudge('large', 3), rows, { programName: 'capitals', threshold: 0.5 });
    const weak = await metaEvaluate(simJudge('small', 3), rows, { programName: 'capitals', threshold: 0.5 });
    expect(strong.items).toBe(80);
    expect(strong.errors).toBe(0);
    if (!strong.spearman.defined || !weak.spearman.defined) throw new Error('ρ undefined');
    if (!strong.kappa.defined || !weak.kappa.defined) throw new Error('κ undefined');
    expect(strong.spearman.estimate).toBeGreaterThan(0.8);
    expect(strong.kappa.estimate).toBeGreaterThan(0.8);
    expect(weak.kappa.estimate).toBeLessThan(strong.kappa.estimate);
    expect(weak.meanAbsoluteError as number).toBeGreaterThan(strong.meanAbsoluteError as number);
    expect(strong.judges).toEqual([
      expect.objectContaining({ judge: 'correct', interpreterId: 'sim:large', verdicts: 80, samplesPerVerdict: 3 }),
    ]);
    const [strongNoise] = strong.judges;
    const [weakNoise] = weak.judges;
    expect(strongNoise?.meanAgreement as number).toBeGreaterThan(weakNoise?.meanAgreement as number);
    expect(weakNoise?.meanSpread as number).toBeGreaterThan(strongNoise?.meanSpread as number);
  });

  it('measures any verifier, not only judges: exact matching agrees with these labels perfectly', async () => {
    const exactly: Verifier = (context) => scored(context.output === context.expected ? 1 : 0, { name: 'exact' });
    const result = await metaEvaluate(exactly, labelledRows(1), { programName: 'capitals', threshold: 0.5 });
    expect(result.kappa).toMatchObject({ defined: true, estimate: 1 });
    expect(result.spearman).toMatchObject({ defined: true, estimate: 1 });
    expect(result.meanAbsoluteError).toBe(0);
    expect(result.judges).toEqual([]);
  });

  it('counts verifier errors apart and leaves them out of the figures', async () => {
    let calls = 0;
    const flaky: Verifier = (context) => {
      calls++;
      if (String(context.output).startsWith('O')) throw new Error('boom');
      return scored(context.output === context.expected ? 1 : 0);
    };
    const result = await metaEvaluate(flaky, labelledRows(1), { programName: 'capitals', threshold: 0.5 });
    expect(calls).toBe(16);
    expect(result.errors).toBe(2); // Ottawa and Osaka
    expect(result.rows.find((row) => row.id === 'Japan-wrong-0')?.score).toMatchObject({
      status: 'error',
      explanation: 'the verifier failed: boom',
    });
    expect(result.kappa.n).toBe(14);
  });
});
