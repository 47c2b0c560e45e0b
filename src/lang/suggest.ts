import { distance } from 'fastest-levenshtein';

/** Whether `a` becomes `b` by swapping two neighbouring characters (`stpe` and `step`). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differences: number[] = [];
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) differences.push(index);
  const [first, second] = differences;
  return (
    differences.length === 2 &&
    first !== undefined &&
    second === first + 1 &&
    a[first] === b[second] &&
    a[second] === b[first]
  );
}

/**
 * The candidate closest to `word` by edit distance, when it is close enough to be a likely typo
 * (at most a third of the word's length, and at least one edit; two swapped neighbours count as one), for
 * "did you mean" hints.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const lower = word.toLowerCase();
    const d = isTransposition(lower, candidate.toLowerCase()) ? 1 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
