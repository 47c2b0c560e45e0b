import { valueToText } from '../lang/render-template.js';

/**
 * Words for token-level similarity: runs of letters, digits and marks; each Han, Hiragana or Katakana
 * character is a word of its own, since those scripts do not separate words by spaces. NFKC, and lower-cased
 * unless `keepCase`. Linear in the length of the text.
 */
const wordPattern =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}])+/gu;

/** The words of a value's text. */
export function tokenize(value: unknown, keepCase = false): string[] {
  const text = valueToText(value).normalize('NFKC');
  return (keepCase ? text : text.toLowerCase()).match(wordPattern) ?? [];
}

/** How many times each item occurs. */
export function countItems(items: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** The size of the multiset intersection of two counts. */
export function overlap(left: ReadonlyMap<string, number>, right: ReadonlyMap<string, number>): number {
  let shared = 0;
  for (const [item, count] of left) shared += Math.min(count, right.get(item) ?? 0);
  return shared;
}

/** The harmonic mean of precision and recall, 0 when both are. */
export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
