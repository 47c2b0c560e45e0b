import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trace } from './testing/verify-expression.js';
import { defineVerifier, describeSchema, isVerifierDefinition, toModuleVerifier } from './verifier-module.js';

const context = { inputs: { limit: 3 }, output: 'a b c d', steps: { main: 'a b c d' }, trace };

describe('defineVerifier', () => {
  const atMostWords = defineVerifier({
    description: 'at most the given number of words',
    args: z.tuple([z.string(), z.int().positive()]),
    score(_context, [value, limit]) {
      const words = value.split(/\s+/).filter(Boolean).length;
      return words <= limit ? 1 : limit / words;
    },
  });

  it('marks its result, so a loader knows a verifier from any other export', () => {
    expect(isVerifierDefinition(atMostWords)).toBe(true);
    expect(isVerifierDefinition({ ...atMostWords })).toBe(false);
    expect(isVerifierDefinition({ score: () => 1 })).toBe(false);
    expect(isVerifierDefinition(null)).toBe(false);
  });

  it('becomes a verifier with the parameters of its schemas, scored with the context', async () => {
    const verifier = toModuleVerifier('at_most_words', atMostWords, '/m.ts');
    expect(verifier.parameters.map((parameter) => [parameter.name, parameter.type])).toEqual([
      ['value', 'a string'],
      ['argument 2', 'an integer'],
    ]);
    expect(await verifier.scoreInContext(context, ['a b c d', 2], {})).toEqual({ value: 0.5, status: 'scored' });
    expect(await verifier.scoreInContext(context, ['a', 2], {})).toEqual({ value: 1, status: 'scored' });
    expect(() => verifier.scoreInContext(context, ['a', 0], {})).toThrow('argument 2 must be an integer, got 0');
  });

  it('accepts one schema or a list, booleans and promises, and reads the context', async () => {
    const fromInput = defineVerifier({
      args: z.string(),
      async score(verifierContext, [value]) {
        return value.length <= Number(verifierContext.inputs.limit);
      },
    });
    const verifier = toModuleVerifier('short', fromInput, '/m.ts');
    expect(await verifier.scoreInContext(context, ['abc'], {})).toEqual({ value: 1, status: 'scored' });
    expect(await verifier.scoreInContext(context, ['abcd'], {})).toEqual({ value: 0, status: 'scored' });
  });

  it('describes schemas in words for diagnostics', () => {
    expect(describeSchema(z.array(z.string()))).toBe('a list of strings');
    expect(describeSchema(z.enum(['low', 'high']))).toBe('one of "low", "high"');
    expect(describeSchema(z.number().describe('a weight in [0, 1]'))).toBe('a weight in [0, 1]');
    expect(describeSchema(z.unknown())).toBe('any value');
  });
});
