import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/lang/suggest.js';

describe('suggest', () => {
  it('proposes the closest candidate for a typo, a swap of two adjacent letters counting as one edit', () => {
    expect(suggest('teir', ['ticket', 'tier'])).toBe('tier');
    expect(suggest('contry', ['country', 'city'])).toBe('country');
    expect(suggest('exat', ['exact', 'regex'])).toBe('exact');
    expect(suggest('verfy', ['verify', 'model'])).toBe('verify');
  });

  it('proposes nothing when no candidate is close, or when two swaps are needed in a short word', () => {
    expect(suggest('retries', ['model', 'input', 'verify'])).toBeUndefined();
    expect(suggest('tmep', ['temp'])).toBe('temp');
    expect(suggest('mtep', ['temp'])).toBeUndefined();
    expect(suggest('ab', ['ba', 'xy'])).toBe('ba');
    expect(suggest('anything', [])).toBeUndefined();
  });
});
