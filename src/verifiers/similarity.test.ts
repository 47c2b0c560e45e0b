import { describe, expect, it } from 'vitest';
import { lcsLength } from './rouge-l.js';
import { verifyExpression as verify } from './testing/verify-expression.js';

const megabyte = 'lorem ipsum dolor sit amet, '.repeat(40_000);

describe('edit_similarity', () => {
  it('is one minus the Levenshtein distance over the longer length', async () => {
    expect((await verify('edit_similarity("kitten")', 'sitting')).value).toBeCloseTo(1 - 3 / 7, 12);
    expect((await verify('edit_similarity(expected)', 'same', 'same')).value).toBe(1);
    expect((await verify('edit_similarity("")', '')).value).toBe(1);
    expect((await verify('edit_similarity("abc")', '')).value).toBe(0);
    expect((await verify('edit_similarity("ABC", { ignore_case: true })', 'abc')).value).toBe(1);
    expect((await verify('edit_similarity("kitten", { threshold: 0.5 })', 'sitting')).value).toBe(1);
    expect((await verify('edit_similarity("naïve")', 'nai\u0308ve')).value).toBe(1);
  });

  it('compares a very large output against a short reference in full, and two large texts on their beginnings', async () => {
    const short = await verify('edit_similarity("lorem")', megabyte);
    expect(short.value).toBeCloseTo(5 / (megabyte.length - 1), 9);
    const both = await verify('edit_similarity(expected)', megabyte, `${megabyte}!`);
    expect(both.value).toBe(1);
    // The work is bounded by a budget, not by a clock: two long texts are compared on their beginnings.
    expect(both.explanation).toContain('compared the first');
  });
});

describe('token_f1', () => {
  it('is the F1 of shared words, case-insensitive by default', async () => {
    // 3 shared words; precision 3/3, recall 3/4: F1 = 2·1·(3/4)/(1 + 3/4) = 6/7.
    expect((await verify('token_f1("the cat sat down")', 'The cat, sat.')).value).toBeCloseTo(6 / 7, 12);
    // Keeping case, "The" is not "the": 2 shared; precision 2/3, recall 2/4: F1 = 4/7.
    expect((await verify('token_f1("the cat sat down", { keep_case: true })', 'The cat, sat.')).value).toBeCloseTo(
      4 / 7,
      12,
    );
    expect((await verify('token_f1("")', '')).value).toBe(1);
    expect((await verify('token_f1("words")', '')).value).toBe(0);
    // Han characters are words of their own: 東京 and 首都 share 3 of 4 and 4 characters.
    expect((await verify('token_f1("東京は首都")', '東京の首都')).value).toBeCloseTo(0.8, 12);
    expect((await verify('token_f1("lorem ipsum")', megabyte)).value).toBeGreaterThan(0);
  });
});

describe('rouge_l', () => {
  it('is the F1 of the longest common subsequence of words', async () => {
    // LCS of "police killed the gunman" and "police kill the gunman" is 3 words: F1 = 3/4.
    expect((await verify('rouge_l("police killed the gunman")', 'police kill the gunman')).value).toBeCloseTo(0.75, 12);
    expect((await verify('rouge_l("a b c")', 'c b a')).value).toBeCloseTo(1 / 3, 12);
    expect((await verify('rouge_l("")', '')).value).toBe(1);
    expect((await verify('rouge_l("x")', '')).value).toBe(0);
    expect(lcsLength(Uint32Array.from([1, 2, 3, 4]), Uint32Array.from([2, 4, 3]))).toBe(2);
  });

  it('stays within its cell budget on very large texts', async () => {
    expect((await verify('rouge_l("lorem ipsum dolor")', megabyte)).value).toBeGreaterThan(0);
    const both = await verify('rouge_l(expected)', megabyte, megabyte);
    expect(both.value).toBe(1);
    // The work is bounded by a budget, not by a clock: two long texts are compared on their beginnings.
    expect(both.explanation).toContain('compared the first');
  });
});

describe('ngram_overlap', () => {
  it('is the F1 (or precision, or recall) of shared word n-grams', async () => {
    // Bigrams: "the cat", "cat sat", "sat on" against "the cat", "cat ran": 1 shared; P 1/3, R 1/2, F1 0.4.
    expect((await verify('ngram_overlap("the cat ran")', 'the cat sat on')).value).toBeCloseTo(0.4, 12);
    expect(
      (await verify('ngram_overlap("the cat ran", { measure: "precision" })', 'the cat sat on')).value,
    ).toBeCloseTo(1 / 3, 12);
    expect((await verify('ngram_overlap("the cat ran", { measure: "recall" })', 'the cat sat on')).value).toBeCloseTo(
      0.5,
      12,
    );
    expect((await verify('ngram_overlap("the cat ran", { n: 1 })', 'the cat sat on')).value).toBeCloseTo(4 / 7, 12);
    expect((await verify('ngram_overlap("x")', '')).value).toBe(1);
    expect((await verify('ngram_overlap("ab cd")', '')).value).toBe(0);
    expect((await verify('ngram_overlap("lorem ipsum")', megabyte)).value).toBeGreaterThan(0);
  });
});
