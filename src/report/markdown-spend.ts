import type { UsageTally } from '../cost/sample-spend.js';
import type { ProgramSpend } from '../runner/program-spend.js';
import type { MetricValue } from '../stats/metric-value.js';
import { describePriceSource } from './describe-spend.js';
import { formatDollars, formatMetric, formatSeconds, formatTokens } from './format-number.js';
import { markdownText as md } from './markdown-text.js';

const dollarsOf = (tally: UsageTally) =>
  tally.calls > 0 && tally.unpricedCalls === tally.calls ? 'unknown' : formatDollars(tally.cost);

/** A figure's value and interval as two table cells, formatted by `format`; `—` and the reason without a value. */
function figureCells(value: MetricValue, format: (value: number) => string): string {
  if (!value.defined) return `— | ${md(value.reason)}`;
  const interval = value.interval ? md(`[${format(value.interval.lower)}, ${format(value.interval.upper)}]`) : '—';
  return `${md(format(value.value))} | ${interval}`;
}

/**
 * A program's spend as Markdown: where its price came from, who made the calls and what they cost, the figures
 * with their intervals, and the cost curve of pass@k as a small table with the k that solves the most cases per
 * dollar marked.
 */
export function markdownSpend(spend: ProgramSpend): string[] {
  const parts = [
    ['program', spend.program],
    ['simulated user', spend.user],
    ['judges', spend.judges],
  ] as const;
  const figures: (readonly [string, MetricValue, (value: number) => string])[] = [
    ['tokens per sample', spend.tokensPerSample, formatTokens],
    ...(spend.price
      ? ([
          ['cost per sample', spend.costPerSample, formatDollars],
          ['cost per success', spend.costPerSuccess, formatDollars],
          ['cost to first success', spend.costToSuccess, formatDollars],
        ] as const)
      : []),
    ['mean latency', spend.latency.mean, formatSeconds],
    ['p50 latency', spend.latency.p50, formatSeconds],
    ['p95 latency', spend.latency.p95, formatSeconds],
    ['p99 latency', spend.latency.p99, formatSeconds],
  ];
  const lines = [
    `Price: ${spend.price ? `${md(describePriceSource(spend.price))} (${md(spend.price.label)})` : 'none, so the cost is unknown'}`,
    '',
    '| calls by | calls | tokens in | tokens out | cost | seconds |',
    '| --- | --- | --- | --- | --- | --- |',
    ...parts
      .filter(([name, tally]) => name === 'program' || tally.calls > 0)
      .map(
        ([name, tally]) =>
          `| ${name} | ${tally.calls} | ${formatTokens(tally.inputTokens)} | ${formatTokens(tally.outputTokens)} | ${md(dollarsOf(tally))} | ${formatSeconds(tally.seconds)} |`,
      ),
    '',
    '| figure | value | 95% interval |',
    '| --- | --- | --- |',
    ...figures.map(([name, value, format]) => `| ${name} | ${figureCells(value, format)} |`),
    '',
  ];
  const curve = spend.passAtKCost;
  if (curve.defined && curve.points.length > 0) {
    lines.push(
      '| k | pass@k | cost of k attempts per case | cases solved per dollar | 95% interval |',
      '| --- | --- | --- | --- | --- |',
      ...curve.points.map(
        (point) =>
          `| ${point.k}${point === curve.best ? ' (best)' : ''} | ${formatMetric(point.passAtK)} | ${md(formatDollars(point.cost))} | ${figureCells(point.solvedPerDollar, (value) => value.toFixed(1))} |`,
      ),
      '',
    );
  }
  return lines;
}
