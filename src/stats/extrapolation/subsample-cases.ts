import type { CaseCounts } from '../case-counts.js';

/**
 * Each case's outcomes subsampled to `size(n)` draws without replacement: the successes among them follow the
 * hypergeometric law, drawn one outcome at a time with `random` uniform on [0, 1).
 */
export function subsampleCases(
  cases: readonly CaseCounts[],
  size: (n: number) => number,
  random: () => number,
): CaseCounts[] {
  return cases.map(({ n, c }) => {
    const draws = size(n);
    let successesLeft = c;
    let left = n;
    let drawn = 0;
    for (let i = 0; i < draws; i++) {
      if (random() * left < successesLeft) {
        drawn++;
        successesLeft--;
      }
      left--;
    }
    return { n: draws, c: drawn };
  });
}
