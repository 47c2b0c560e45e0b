import type { UsageTally } from '../cost/sample-spend.js';
import type { RunSpend } from '../runner/run-spend.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { tallyTokens } from './describe-spend.js';
import { formatBudget, formatDollars, formatTokens } from './format-number.js';

/**
 * The run's total in one line: tokens and dollars of every call, then each part that has calls, and how much of it
 * this run paid anew rather than read from the store, such as
 * `14,120 tokens · $0.0036 (program $0.0031, judges $0.00050) · $0.0012 new, $0.0024 from the store`.
 */
export function describeRunSpend(spend: RunSpend): string {
  const { total } = spend;
  const parts = [
    ['program', spend.program],
    ['simulated user', spend.user],
    ['judges', spend.judges],
  ] as const;
  const used = parts.filter(([, tally]) => tally.calls > 0);
  const costOf = (tally: UsageTally) =>
    tally.unpricedCalls === tally.calls ? 'cost unknown' : formatDollars(tally.cost);
  const split = used.length > 1 ? ` (${used.map(([name, tally]) => `${name} ${costOf(tally)}`).join(', ')})` : '';
  const priced = total.unpricedCalls < total.calls;
  const cached = total.cost - total.newCost;
  const paid =
    !priced || total.cost === 0
      ? ''
      : cached > 0
        ? ` · ${formatDollars(total.newCost)} new, ${formatDollars(cached)} from the store`
        : ' · all new';
  const cost = priced
    ? `${formatDollars(total.cost)}${total.unpricedCalls > 0 ? ` (${total.unpricedCalls} calls without a price)` : ''}`
    : 'cost unknown (no price)';
  return `${formatTokens(tallyTokens(total))} tokens · ${cost}${split}${paid}`;
}

/**
 * The budget line of a run: `Budget $0.50: $0.49 spent`, and, when the budget stopped the run, that it did and how
 * to finish it.
 */
export function describeBudget(budget: NonNullable<SuiteResult['budget']>, runId: string | undefined): string {
  const spent = `Budget ${formatBudget(budget.dollars)}: ${formatDollars(budget.spent)} spent`;
  if (!budget.reached) return spent;
  return `${spent} · reached: the run stopped there; ${runId ? `--resume ${runId}` : '--resume'} finishes it`;
}
