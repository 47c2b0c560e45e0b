import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../../contracts/interpreter.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import { caseProbability } from './case-probability.js';
import { simProfiles } from './sim-profile.js';
import { simProvider } from './sim-provider.js';

const call = (caseId: string): InterpreterCall => ({
  messages: [{ role: 'user', content: 'What is 6 times 7?' }],
  settings: {},
  origin: { programName: 'quiz', caseId, expected: '42' },
});

async function create(model: string): Promise<Interpreter> {
  const result = await simProvider.create(model, { cwd: '.', env: {} });
  if (!result.ok) throw new Error(result.error.message);
  return result.interpreter;
}

async function successRate(interpreter: Interpreter, caseId: string, draws: number): Promise<number> {
  let successes = 0;
  for (let seed = 0; seed < draws; seed++) {
    if ((await interpreter.interpret(call(caseId), { seed })).text === '42') successes++;
  }
  return successes / draws;
}

describe('the simulator made worse', () => {
  it('lowers every case’s success probability by the amount given, drawing other samples', async () => {
    const worse = await create('medium,worse=0.3');
    expect(worse.id).toBe('sim:medium,worse=0.3');
    expect(worse.description).toContain('every p lowered by 0.3');
    const medium = simProfiles.medium as NonNullable<(typeof simProfiles)['medium']>;
    for (const caseId of ['a', 'b', 'c']) {
      const p = Math.max(0, caseProbability(medium, 'quiz', caseId) - 0.3);
      const draws = 2000;
      const rate = await successRate(worse, caseId, draws);
      expect(Math.abs(rate - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-9);
    }
  });

  it('is the plain profile at worse=0', async () => {
    const plain = await create('medium');
    const same = await create('medium,worse=0');
    for (let seed = 0; seed < 20; seed++) {
      expect((await same.interpret(call('a'), { seed })).text).toBe((await plain.interpret(call('a'), { seed })).text);
    }
  });

  it('refuses other parameters and amounts outside 0 to 1, naming the one parameter', async () => {
    for (const model of ['medium,worse=2', 'medium,better=0.1', 'medium,worse=']) {
      const result = await simProvider.create(model, { cwd: '.', env: {} });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.hint).toContain('worse=<d>');
    }
  });
});
