import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';

describe('seeded random', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createSeededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(1)).not.toEqual(draw(1 + 2 ** 32));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const random = createSeededRandom(7);
    const values = Array.from({ length: 100_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    const lowDecile = values.filter((value) => value < 0.1).length / values.length;
    expect(Math.abs(lowDecile - 0.1)).toBeLessThan(0.005);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => createSeededRandom(1.5)).toThrow(/seed must be an integer/);
  });
});
