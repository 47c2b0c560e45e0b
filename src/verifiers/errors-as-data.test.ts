import { afterEach, describe, expect, it } from 'vitest';
import { scored } from '../contracts/score.js';
import type { BuiltinVerifier } from './builtin-verifier.js';
import { builtinVerifiers } from './builtins.js';
import { verifyUnchecked } from './testing/verify-expression.js';

const registry = builtinVerifiers as Map<string, BuiltinVerifier>;

/** Registers a misbehaving verifier for one test. */
function misbehave(name: string, score: BuiltinVerifier['score']) {
  registry.set(name, { name, summary: 'test', parameters: [{ name: 'value', type: 'any value' }], score });
}

afterEach(() => {
  for (const name of ['throws', 'nan', 'too_big', 'not_a_score', 'rejects']) registry.delete(name);
});

describe('errors are data', () => {
  it('turns a throw, NaN, a value outside [0, 1], a non-score and a rejection into error scores at their place', async () => {
    misbehave('throws', () => {
      throw new Error('boom');
    });
    misbehave('nan', () => ({ value: Number.NaN, status: 'scored' }));
    misbehave('too_big', () => ({ value: 1.5, status: 'scored' }));
    misbehave('not_a_score', () => 0.5 as never);
    misbehave('rejects', () => Promise.reject(new Error('later')));
    const cases: [string, string][] = [
      ['throws', 'throws failed: boom'],
      ['nan', 'nan returned NaN, not a number in [0, 1]'],
      ['too_big', 'too_big returned 1.5, not a number in [0, 1]'],
      ['not_a_score', 'not_a_score returned 0.5, not a score'],
      ['rejects', 'rejects failed: later'],
    ];
    for (const [name, explanation] of cases) {
      const score = await verifyUnchecked(`0.5 * ${name} + 0.5 * contains("a")`, 'a');
      expect(score, name).toMatchObject({ status: 'error', value: null });
      const part = score.parts?.[0]?.parts?.[0];
      expect(part, name).toMatchObject({ name, status: 'error', value: null, explanation, expression: name });
      expect(part?.span).toEqual({ start: 30, end: 30 + name.length });
      expect(JSON.parse(JSON.stringify(score))).toMatchObject({ status: 'error', value: null });
    }
  });

  it('gives an error score for wrong argument types that only show at run time', async () => {
    const score = await verifyUnchecked('regex(output, expected)', 'text', 42);
    expect(score).toMatchObject({ status: 'error', explanation: 'regex failed: `pattern` must be a string, got 42' });
    expect(scored(Number.NaN).status).toBe('error');
  });
});
