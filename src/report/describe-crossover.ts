import type { ProgramComparison } from './compare-runs.js';

/** Where one pass@k curve overtakes the other, in words, naming the two sides `a` and `b` as given. */
export function describeCrossover(
  comparison: ProgramComparison,
  names: { readonly a: string; readonly b: string },
): string {
  const result = comparison.crossover;
  if (!result) return `crossover: not computed: ${comparison.crossoverProblem ?? 'no shared cases'}`;
  const name = (leader: 'a' | 'b') => names[leader];
  if (result.status === 'none') {
    return result.leader === 'tie'
      ? 'crossover: none up to k = 10000; the curves agree'
      : `crossover: none up to k = 10000; ${name(result.leader)} leads throughout`;
  }
  return `crossover: ${name(result.leaderAfter)} overtakes ${name(result.leaderBefore)} at k ≈ ${result.k} (${Math.round(result.level * 100)}% interval ${result.lower} to ${result.upperBeyondRange ? 'beyond ' : ''}${result.upper})`;
}
