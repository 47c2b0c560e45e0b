import { describe, expect, it } from 'vitest';
import { verifyExpression as verify } from './testing/verify-expression.js';

const megabyte = 'lorem ipsum dolor sit amet, '.repeat(40_000); // about 1.1 MB

describe('exact', () => {
  it('normalises whitespace and Unicode composition by default, and case, NFKC and punctuation on request', async () => {
    expect((await verify('exact', ' Paris\n', 'Paris')).value).toBe(1);
    expect((await verify('exact(expected)', 'PARIS', 'paris')).value).toBe(0);
    expect((await verify('exact(expected, { ignore_case: true })', 'PARIS', 'paris')).value).toBe(1);
    expect((await verify('exact("fi")', '\ufb01')).value).toBe(0);
    expect((await verify('exact("fi", { unicode: "nfkc" })', '\ufb01')).value).toBe(1);
    expect((await verify('exact("Paris", { ignore_punctuation: true })', 'Paris!')).value).toBe(1);
    expect((await verify('exact(output, "Ünïcödé ✓", {})', 'U\u0308nïcödé ✓')).value).toBe(1);
  });

  it('handles an empty output and a very large one', async () => {
    expect((await verify('exact("")', '')).value).toBe(1);
    expect((await verify('exact("x")', '')).explanation).toBe('expected "x", got ""');
    expect((await verify('exact(expected)', megabyte, megabyte)).value).toBe(1);
    expect((await verify('exact("short")', megabyte)).value).toBe(0);
  });
});

describe('contains and not_contains', () => {
  it('look for a text or a list of texts, graded by the fraction found', async () => {
    expect((await verify('contains("Paris")', 'It is Paris.')).value).toBe(1);
    expect((await verify('contains("paris", { ignore_case: true })', 'It is PARIS.')).value).toBe(1);
    expect((await verify('contains(["Paris", "Lyon", "Nice", "Metz"])', 'Paris and Lyon')).value).toBe(0.5);
    expect((await verify('not_contains("sorry")', 'Here it is')).value).toBe(1);
    const apology = await verify('not_contains(["sorry", "apologi"], { ignore_case: true })', 'Sorry, I apologise');
    expect(apology).toMatchObject({ value: 0, explanation: 'found "sorry", "apologi"' });
  });

  it('handle empty, Unicode and very large outputs', async () => {
    expect((await verify('contains("x")', '')).value).toBe(0);
    expect((await verify('not_contains("x")', '')).value).toBe(1);
    expect((await verify('contains("日本")', '東京は日本の首都です')).value).toBe(1);
    expect((await verify('contains("café")', 'cafe\u0301 au lait')).value).toBe(1);
    expect((await verify('contains("needle")', `${megabyte}needle`)).value).toBe(1);
    expect((await verify('not_contains("needle")', megabyte)).value).toBe(1);
  });
});

describe('one_of', () => {
  it('accepts any of the choices after normalisation', async () => {
    expect((await verify('one_of(["low", "medium", "high"])', ' high ')).value).toBe(1);
    expect((await verify('one_of(["low", "high"], { ignore_case: true })', 'HIGH')).value).toBe(1);
    expect((await verify('one_of(["low", "high"])', '')).value).toBe(0);
    expect((await verify('one_of(expected)', 'β', ['α', 'β'])).value).toBe(1);
    expect((await verify('one_of(["a"])', megabyte)).value).toBe(0);
  });
});

describe('regex', () => {
  it('matches a pattern, with flags and whole-text matching', async () => {
    expect((await verify('regex("\\\\d{3}-\\\\d{4}")', 'call 555-1234 now')).value).toBe(1);
    expect((await verify('regex("^yes$", { flags: "i" })', 'YES')).value).toBe(1);
    expect((await verify('regex("yes", { full: true })', 'yes sir')).value).toBe(0);
    expect((await verify('regex("^$")', '')).value).toBe(1);
    expect((await verify('regex("\\\\p{Script=Greek}+", { flags: "u" })', 'λόγος')).value).toBe(1);
    expect((await verify('regex("amet, $")', megabyte)).value).toBe(1);
  });
});

describe('length and word_count', () => {
  it('check bounds on characters (code points) and on words', async () => {
    expect((await verify('length({ max: 5 })', 'hello')).value).toBe(1);
    expect((await verify('length({ max: 4 })', 'hello')).explanation).toBe('5 characters, more than the maximum 4');
    expect((await verify('length({ min: 1 })', '')).value).toBe(0);
    expect((await verify('length({ min: 2, max: 2 })', '😀👍')).value).toBe(1);
    expect((await verify('word_count({ min: 3, max: 5 })', 'one two  three\nfour')).value).toBe(1);
    expect((await verify('word_count({ max: 0 })', '')).value).toBe(1);
    expect((await verify('length({ max: 200 })', megabyte)).value).toBe(0);
    expect((await verify('word_count({ min: 200000 })', megabyte)).value).toBe(1);
    expect((await verify('length(output.summary, { max: 10 })', { summary: 'short' })).value).toBe(1);
  });
});
