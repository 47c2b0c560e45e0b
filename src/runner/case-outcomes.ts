import type { CaseTally } from '../contracts/case-tally.js';
import type { CaseOutcomes } from '../stats/case-outcomes.js';

/**
 * What the metrics of a case need, from its tally: exact counts, and the scores, judges' variances and spending of
 * its subsample (every sample while the case has no more than the subsample's size). Dollars are given only when
 * every call of the program's was priced.
 */
export function caseOutcomesOf(caseId: string, tally: CaseTally): CaseOutcomes {
  const scores: number[] = [];
  const judgeVariances: (number | undefined)[] = [];
  const costs: number[] = [];
  const tokens: number[] = [];
  const seconds: number[] = [];
  for (const sample of tally.samples) {
    if (sample.status === 'scored') {
      scores.push(sample.score);
      judgeVariances.push(sample.judgeVariance);
    }
    costs.push(sample.cost);
    tokens.push(sample.tokens);
    seconds.push(sample.seconds);
  }
  const priced = tally.spend.program.unpricedCalls === 0;
  const subsampled = tally.samples.length < tally.drawn;
  return {
    caseId,
    n: tally.n,
    c: tally.c,
    scores,
    ...(subsampled && tally.n > 0 ? { scoreMean: tally.scoreSum / tally.n } : {}),
    errors: tally.errors,
    drawn: tally.drawn,
    ...(judgeVariances.some((variance) => variance !== undefined) ? { judgeVariances } : {}),
    spend: {
      ...(priced ? { costs, costTotal: tally.spend.program.cost } : {}),
      tokens,
      seconds,
    },
  };
}
