import { type CrossoverOptions, type CrossoverResult, crossover } from '../stats/crossover.js';
import type { CaseCounts } from '../stats/suite-solve-probability.js';

/**
 * `crossover` of two interpreters' counts on the same cases, except that equal counts on every case are a tie
 * without further ado: their curves are the same, and the posterior draws behind the extrapolated part, which the
 * two curves do not share, must not make them look apart.
 */
export function crossoverOfCases(
  a: readonly CaseCounts[],
  b: readonly CaseCounts[],
  options: CrossoverOptions = {},
): CrossoverResult {
  if (
    a.length > 0 &&
    a.length === b.length &&
    a.every((counts, index) => counts.n === b[index]?.n && counts.c === b[index]?.c)
  ) {
    return { status: 'none', leader: 'tie', crossingShare: 0, level: options.level ?? 0.9 };
  }
  return crossover(a, b, options);
}
