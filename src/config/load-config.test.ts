import { describe, expect, it } from 'vitest';
import { validateConfig } from './load-config.js';

const problemsOf = (config: unknown): readonly string[] => {
  const result = validateConfig(config, 'informal.config.ts');
  return result.ok ? [] : result.error.problems;
};

describe('the problems of a config', () => {
  it('name the field of an interpreter entry that is wrong, not only the entry', () => {
    expect(problemsOf({ interpreters: { fast: { id: 'sim:small', concurrency: 'four' } } })).toEqual([
      '`interpreters.fast.concurrency`: Invalid input: expected number, received string',
    ]);
    expect(problemsOf({ interpreters: { fast: { concurrency: 4 } } })).toEqual([
      '`interpreters.fast.id`: Invalid input: expected string, received undefined',
    ]);
  });

  it('name the entry when it is neither an id nor an object', () => {
    expect(problemsOf({ interpreters: { fast: 4 } })).toEqual([
      '`interpreters.fast`: expected an interpreter id, such as "sim:small", or an object { id, baseURL, concurrency, requestsPerMinute, tokensPerMinute, settings, price }',
    ]);
  });
});
