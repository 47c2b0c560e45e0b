import type { NamedCaseCounts } from '../../stats/case-counts.js';

/**
 * The counts after a batch: each case's `n` and `c` plus those of its newly drawn samples (`drawn` holds only the
 * new samples, one entry per case at most; cases it leaves out are unchanged). Keeps the order of `cases`.
 * Throws a RangeError for a case id not in `cases`, or counts out of range.
 */
export function addDrawnCounts(
  cases: readonly NamedCaseCounts[],
  drawn: readonly NamedCaseCounts[],
): NamedCaseCounts[] {
  const known = new Set(cases.map(({ caseId }) => caseId));
  const added = new Map<string, NamedCaseCounts>();
  for (const counts of drawn) {
    const { caseId, n, c } = counts;
    if (!known.has(caseId)) throw new RangeError(`adaptive sampling: drew samples for an unknown case "${caseId}"`);
    if (added.has(caseId)) throw new RangeError(`adaptive sampling: case "${caseId}" appears twice among the drawn`);
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(c) || c < 0 || c > n) {
      throw new RangeError(`adaptive sampling: case "${caseId}" drew n = ${n} with c = ${c}; need integers 0 ≤ c ≤ n`);
    }
    added.set(caseId, counts);
  }
  return cases.map((counts) => {
    const more = added.get(counts.caseId);
    return more ? { caseId: counts.caseId, n: counts.n + more.n, c: counts.c + more.c } : counts;
  });
}
