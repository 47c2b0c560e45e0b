import { describe, expect, it } from 'vitest';
import type { Score } from '../contracts/score.js';
import { verifyUnchecked as verify } from './testing/verify-expression.js';

/** A score tree as [name, value, expression, parts]. */
const tree = (score: Score): unknown => [score.name, score.value, score.expression, ...(score.parts ?? []).map(tree)];

describe('exact and contains', () => {
  it('compare normalised text: whitespace runs and Unicode composition do not matter, case does', async () => {
    expect((await verify('exact(expected)', '  Paris \n', 'Paris')).value).toBe(1);
    expect((await verify('exact(expected)', 'Brasi\u0301lia', 'Bras\u00edlia')).value).toBe(1);
    expect((await verify('exact(expected)', 'paris', 'Paris')).value).toBe(0);
    expect((await verify('exact', '7', 7)).value).toBe(1);
    expect((await verify('contains(expected)', 'The answer is  180 km.', '180 km')).value).toBe(1);
    expect((await verify('contains(output, "x")', '', undefined)).value).toBe(0);
  });

  it('explain a failure with both texts', async () => {
    expect((await verify('exact(expected)', 'Lyon', 'Paris')).explanation).toBe('expected "Paris", got "Lyon"');
  });

  it('read fields of structured values and inputs', async () => {
    expect((await verify('exact(output.city, expected.city)', { city: 'Paris' }, { city: 'Paris' })).value).toBe(1);
    expect((await verify('contains(output, country)', 'France is nice', 'x', { country: 'France' })).value).toBe(1);
  });
});

describe('the fuzzy algebra', () => {
  it('computes and = min, or = max, not = 1 − x, and weighted sums, keeping every part with its source', async () => {
    const score = await verify('0.75 * contains("a") + 0.25 * contains("z") and not exact("b")', 'abc', undefined);
    expect(score.value).toBe(0.75);
    expect(tree(score)).toEqual([
      'and',
      0.75,
      '0.75 * contains("a") + 0.25 * contains("z") and not exact("b")',
      [
        '+',
        0.75,
        '0.75 * contains("a") + 0.25 * contains("z")',
        ['*', 0.75, '0.75 * contains("a")', ['contains', 1, 'contains("a")']],
        ['*', 0, '0.25 * contains("z")', ['contains', 0, 'contains("z")']],
      ],
      ['not', 1, 'not exact("b")', ['exact', 0, 'exact("b")']],
    ]);
    expect((await verify('contains("a") or contains("z")', 'abc')).value).toBe(1);
  });

  it('lets arithmetic leave [0, 1] on the way: a sum divided by its count is a mean, kept in the trace', async () => {
    const mean = await verify('(contains("a") + contains("b")) / 2', 'ab');
    expect(mean).toMatchObject({ status: 'scored', value: 1 });
    expect(tree(mean)).toEqual([
      '/',
      1,
      '(contains("a") + contains("b")) / 2',
      ['+', 2, 'contains("a") + contains("b")', ['contains', 1, 'contains("a")'], ['contains', 1, 'contains("b")']],
    ]);
    expect((await verify('(contains("a") + contains("z")) / 2', 'ab')).value).toBe(0.5);
    expect((await verify('contains("a") + contains("b") - 1', 'ab')).value).toBe(1);
    expect((await verify('contains("a") + contains("b") >= 2', 'ab')).value).toBe(1);
  });

  it('gives an error where a value outside [0, 1] is read as a score, saying how to fix it', async () => {
    const sum = await verify('contains("a") + contains("b")', 'ab');
    expect(sum).toMatchObject({ status: 'error', value: null, name: '+' });
    expect(sum.explanation).toBe(
      '`contains("a") + contains("b")` is 2, outside [0, 1]: divide a sum by its count, or weigh its parts',
    );
    expect(sum.parts).toHaveLength(2);
    const inside = await verify('(contains("a") + contains("b")) and exact("ab")', 'ab');
    expect(inside).toMatchObject({ status: 'error' });
    expect(inside.explanation).toMatch(/is 2, outside \[0, 1\]/);
    expect((await verify('contains("a") / (contains("z") * 1)', 'a')).explanation).toBe(
      '`contains("a") / (contains("z") * 1)` is Infinity',
    );
  });

  it('turns comparisons into crisp 0 or 1', async () => {
    expect((await verify('0.5 * contains("a") >= 0.5', 'a')).value).toBe(1);
    expect((await verify('0.5 * contains("a") > 0.5', 'a')).value).toBe(0);
    expect((await verify('output.rank == 2', { rank: 2 })).value).toBe(1);
    expect((await verify('output == expected', { a: [1] }, { a: [1] })).value).toBe(1);
  });

  it('gives an error score, not an exception, for values that are not scores', async () => {
    const text = await verify('output', 'just text');
    expect(text.status).toBe('error');
    expect(text.value).toBeNull();
    expect(text.explanation).toContain('expected a score or a boolean');
    const outOfRange = await verify('2 * contains("a")', 'a');
    expect(outOfRange).toMatchObject({ status: 'error', value: null });
    expect(outOfRange.explanation).toContain('is 2, outside [0, 1]');
    const propagated = await verify('contains("a") and output', 'a');
    expect(propagated.status).toBe('error');
    expect(JSON.parse(JSON.stringify(propagated))).toMatchObject({ value: null, status: 'error' });
  });
});
