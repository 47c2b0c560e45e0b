import type { CaseCounts } from '../case-counts.js';

/** Cases grouped by their distinct (n, c): the likelihood and the predictions depend on nothing else. */
export interface CountTable {
  /** The distinct (n, c) pairs, in order of first appearance. */
  pairs: CaseCounts[];
  /** The index into `pairs` of each case, in the order of the cases. */
  pairOfCase: number[];
  /** How many cases have each pair. */
  multiplicities: Float64Array;
}

/** Groups cases by their distinct (n, c). */
export function tallyCases(cases: readonly CaseCounts[]): CountTable {
  const index = new Map<string, number>();
  const pairs: CaseCounts[] = [];
  const pairOfCase: number[] = [];
  for (const { n, c } of cases) {
    const key = `${n}:${c}`;
    let at = index.get(key);
    if (at === undefined) {
      at = pairs.length;
      index.set(key, at);
      pairs.push({ n, c });
    }
    pairOfCase.push(at);
  }
  const multiplicities = new Float64Array(pairs.length);
  for (const at of pairOfCase) multiplicities[at] = (multiplicities[at] ?? 0) + 1;
  return { pairs, pairOfCase, multiplicities };
}

/** The multiplicities of the pairs in a resample of the cases with replacement (the bootstrap over cases). */
export function resampleMultiplicities(table: CountTable, random: () => number): Float64Array {
  const counts = new Float64Array(table.pairs.length);
  const cases = table.pairOfCase.length;
  for (let draw = 0; draw < cases; draw++) {
    const at = table.pairOfCase[Math.floor(random() * cases)] as number;
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return counts;
}
