import type { InterpreterPrice } from '../cost/interpreter-price.js';
import type { UsageTally } from '../cost/sample-spend.js';
import type { ProgramSpend } from '../runner/program-spend.js';
import type { MetricValue } from '../stats/metric-value.js';
import { formatDollars, formatSeconds, formatTokens } from './format-number.js';

/** Where a price came from, in a word or two: `sim prices`, `catalogue prices`, `config prices`, `free`. */
export function describePriceSource(price: InterpreterPrice | undefined): string {
  if (!price) return 'no price';
  switch (price.source) {
    case 'simulated':
      return 'sim prices';
    case 'catalogue':
      return 'catalogue prices';
    case 'config':
      return 'config prices';
    case 'free':
      return 'free';
    default:
      return price.source satisfies never;
  }
}

/** The tokens of some calls, in and out: `1,234 tokens`. */
export function tallyTokens(tally: UsageTally): number {
  return tally.inputTokens + tally.outputTokens;
}

/**
 * What some calls cost in dollars (those served from the store included: what drawing them costs), such as
 * `$0.0033`, with `, 3 calls without a price` when some had none; `cost unknown` when none had a price.
 */
export function describeTallyCost(tally: UsageTally): string {
  if (tally.calls > 0 && tally.unpricedCalls === tally.calls) return 'cost unknown (no price)';
  const unpriced = tally.unpricedCalls > 0 ? `, ${tally.unpricedCalls} calls without a price` : '';
  return `${formatDollars(tally.cost)}${unpriced}`;
}

/** An interval in dollars: ` [$0.00041, $0.00068]`; empty without one. */
export function describeDollarInterval(value: MetricValue & { defined: true }): string {
  return value.interval ? ` [${formatDollars(value.interval.lower)}, ${formatDollars(value.interval.upper)}]` : '';
}

/** The 50th and 95th percentiles of a sample's seconds that are defined: `latency p50 120 ms, p95 400 ms`. */
export function describeLatency(spend: ProgramSpend): string | undefined {
  const parts = (['p50', 'p95'] as const).flatMap((statistic) => {
    const value = spend.latency[statistic];
    return value.defined ? [`${statistic} ${formatSeconds(value.value)}`] : [];
  });
  if (parts.length === 0) {
    const { mean } = spend.latency;
    return mean.defined ? `latency mean ${formatSeconds(mean.value)}` : undefined;
  }
  return `latency ${parts.join(', ')}`;
}

/**
 * A program's own calls in one line: tokens, dollars with where the price came from, the cost per success with its
 * interval, and the latency percentiles that are defined, such as
 * `1,234 tokens · $0.0033 (sim prices) · $0.00052 per success [$0.00041, $0.00068] · latency p50 120 ms, p95 400 ms`.
 */
export function describeProgramSpend(spend: ProgramSpend): string {
  const parts = [`${formatTokens(tallyTokens(spend.program))} tokens`];
  if (spend.price) {
    parts.push(`${describeTallyCost(spend.program)} (${describePriceSource(spend.price)})`);
    const perSuccess = spend.costPerSuccess;
    parts.push(
      perSuccess.defined
        ? `${formatDollars(perSuccess.value)} per success${describeDollarInterval(perSuccess)}`
        : `no cost per success: ${perSuccess.reason}`,
    );
  } else {
    parts.push('cost unknown: the interpreter has no price');
  }
  const latency = describeLatency(spend);
  if (latency) parts.push(latency);
  return parts.join(' · ');
}

/** A judges' or simulated user's calls in one line: `12 calls · 312 tokens · $0.00011`; undefined when none. */
export function describeOtherCalls(tally: UsageTally): string | undefined {
  if (tally.calls === 0) return undefined;
  return `${tally.calls} calls · ${formatTokens(tallyTokens(tally))} tokens · ${describeTallyCost(tally)}`;
}
