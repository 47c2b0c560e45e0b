import { distance } from 'fastest-levenshtein';

/** Edit distance in which swapping two adjacent characters, the commonest typo (`teir`), counts as one edit. */
function typoDistance(word: string, candidate: string): number {
  const edits = distance(word, candidate);
  if (edits !== 2 || word.length !== candidate.length) return edits;
  const differing = [...word].flatMap((character, index) => (character === candidate[index] ? [] : [index]));
  const [first, second] = differing;
  const swapped =
    differing.length === 2 &&
    first !== undefined &&
    second === first + 1 &&
    word[first] === candidate[second] &&
    word[second] === candidate[first];
  return swapped ? 1 : edits;
}

/**
 * The candidate closest to `word` by edit distance, when it is close enough to be a likely typo
 * (at most a third of the word's length, and at least one edit; a swap of two adjacent characters is one edit),
 * for "did you mean" hints.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = typoDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
