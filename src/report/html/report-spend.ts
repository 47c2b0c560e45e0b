import type { ProgramSpend } from '../../runner/program-spend.js';
import type { MetricValue } from '../../stats/metric-value.js';
import { describeOtherCalls, describePriceSource, describeProgramSpend } from '../describe-spend.js';
import { formatDollars, formatMetric, formatSeconds, formatTokens } from '../format-number.js';

/** One figure of a program's spend, as the page shows it. */
export interface ReportSpendFigure {
  readonly name: string;
  /** The value in its unit (`$0.0033`, `41.5`, `120 ms`), or `undefined: <reason>`. */
  readonly text: string;
  /** Its interval, such as `95% [$0.0021, $0.0034]`; absent without one. */
  readonly interval?: string;
}

/** One point of the cost curve of pass@k. */
export interface ReportCostPoint {
  readonly k: number;
  readonly passAtK: number;
  /** Dollars of k attempts per case (the mean over cases); always above 0 on a drawn curve. */
  readonly cost: number;
  /** The point in words, for its tooltip: `k = 4: pass@k 0.912 for $0.0012 per case, 760 cases per dollar`. */
  readonly text: string;
}

/** What a program's run used and cost, as the page shows it. */
export interface ReportSpend {
  /** The program's own calls in one line, as the console prints it. */
  readonly text: string;
  /** A simulated user's calls in one line; absent when it made none. */
  readonly user?: string;
  /** The judges' calls in one line; absent when they made none. */
  readonly judges?: string;
  /** Where the price came from (`sim prices`, `catalogue prices`, `config prices`, `free`, `no price`). */
  readonly priceSource: string;
  /** The price's own label, with the catalogue's version and date; absent without a price. */
  readonly priceLabel?: string;
  /** Tokens per sample, cost per sample, per success and to the first success, latencies. */
  readonly figures: readonly ReportSpendFigure[];
  /** pass@k against the dollars of k attempts, k = 1, 2, 4, …; absent when there is none to draw. */
  readonly costCurve?: { readonly points: readonly ReportCostPoint[]; readonly bestK?: number };
  /** Why there is no cost curve, when there is none. */
  readonly costCurveProblem?: string;
}

function figure(name: string, value: MetricValue, format: (value: number) => string): ReportSpendFigure {
  if (!value.defined) return { name, text: `undefined: ${value.reason}` };
  const { interval } = value;
  return {
    name,
    text: format(value.value),
    ...(interval
      ? { interval: `${Math.round(interval.level * 100)}% [${format(interval.lower)}, ${format(interval.upper)}]` }
      : {}),
  };
}

/** The cost curve to draw on a log scale of dollars, or why there is none. */
function costCurve(spend: ProgramSpend): Pick<ReportSpend, 'costCurve' | 'costCurveProblem'> {
  const curve = spend.passAtKCost;
  if (!curve.defined) return { costCurveProblem: curve.reason };
  if (curve.points.length === 0) return { costCurveProblem: 'no case has a scored sample' };
  if (curve.points.some((point) => !(point.cost > 0))) {
    return { costCurveProblem: 'the attempts cost nothing, so there is no curve of cost to draw' };
  }
  return {
    costCurve: {
      points: curve.points.map((point) => ({
        k: point.k,
        passAtK: point.passAtK,
        cost: point.cost,
        text: `k = ${point.k}: pass@k ${formatMetric(point.passAtK)} for ${formatDollars(point.cost)} per case${point.solvedPerDollar.defined ? `, ${point.solvedPerDollar.value.toFixed(1)} cases per dollar` : ''}`,
      })),
      ...(curve.best ? { bestK: curve.best.k } : {}),
    },
  };
}

/** A program's spend for the page: its lines, its figures in their units, and its cost curve. */
export function reportSpend(spend: ProgramSpend): ReportSpend {
  const user = describeOtherCalls(spend.user);
  const judges = describeOtherCalls(spend.judges);
  return {
    text: describeProgramSpend(spend),
    ...(user ? { user } : {}),
    ...(judges ? { judges } : {}),
    priceSource: describePriceSource(spend.price),
    ...(spend.price ? { priceLabel: spend.price.label } : {}),
    figures: [
      figure('tokens per sample', spend.tokensPerSample, formatTokens),
      ...(spend.price
        ? [
            figure('cost per sample', spend.costPerSample, formatDollars),
            figure('cost per success', spend.costPerSuccess, formatDollars),
            figure('cost to first success', spend.costToSuccess, formatDollars),
          ]
        : []),
      figure('mean latency', spend.latency.mean, formatSeconds),
      figure('p50 latency', spend.latency.p50, formatSeconds),
      figure('p95 latency', spend.latency.p95, formatSeconds),
      figure('p99 latency', spend.latency.p99, formatSeconds),
    ],
    ...costCurve(spend),
  };
}
