import type { InterpreterPrice } from '../cost/interpreter-price.js';
import type { UsageTally } from '../cost/sample-spend.js';
import type { ProgramSpend } from '../runner/program-spend.js';
import type { RunSpend } from '../runner/run-spend.js';
import type { PassAtKCostPoint } from '../stats/cost/pass-at-k-cost.js';
import type { MetricValue } from '../stats/metric-value.js';

/** A tally as the JSON report writes it: dollars `null` when no call had a price, never a misleading 0. */
export function tallyReport(tally: UsageTally) {
  const unknown = tally.calls > 0 && tally.unpricedCalls === tally.calls;
  return { ...tally, cost: unknown ? null : tally.cost, newCost: unknown ? null : tally.newCost };
}

/** A figure: its value and interval, or `null` and why it has none. */
function figureReport(value: MetricValue) {
  if (!value.defined) return { value: null, reason: value.reason };
  return { value: value.value, ...(value.interval ? { interval: value.interval } : {}) };
}

function priceReport(price: InterpreterPrice) {
  return {
    source: price.source,
    label: price.label,
    inputPerMillion: price.inputPerMillion,
    outputPerMillion: price.outputPerMillion,
    ...(price.cachedInputPerMillion !== undefined ? { cachedInputPerMillion: price.cachedInputPerMillion } : {}),
    ...(price.cacheWritePerMillion !== undefined ? { cacheWritePerMillion: price.cacheWritePerMillion } : {}),
    ...(price.perHour !== undefined ? { perHour: price.perHour } : {}),
  };
}

function costPointReport(point: PassAtKCostPoint) {
  return { k: point.k, passAtK: point.passAtK, cost: point.cost, solvedPerDollar: figureReport(point.solvedPerDollar) };
}

/** A program's `spend` in the JSON report (`programSpendSchema`). */
export function programSpendReport(spend: ProgramSpend) {
  const curve = spend.passAtKCost;
  return {
    price: spend.price ? priceReport(spend.price) : null,
    program: tallyReport(spend.program),
    user: tallyReport(spend.user),
    judges: tallyReport(spend.judges),
    costPerSample: figureReport(spend.costPerSample),
    costPerSuccess: figureReport(spend.costPerSuccess),
    costToSuccess: figureReport(spend.costToSuccess),
    tokensPerSample: figureReport(spend.tokensPerSample),
    latency: {
      mean: figureReport(spend.latency.mean),
      p50: figureReport(spend.latency.p50),
      p95: figureReport(spend.latency.p95),
      p99: figureReport(spend.latency.p99),
    },
    passAtKCost: curve.defined
      ? { points: curve.points.map(costPointReport), ...(curve.best ? { best: costPointReport(curve.best) } : {}) }
      : { points: [], reason: curve.reason },
  };
}

/** The run's `spend` in the JSON report (`runSpendSchema`). */
export function runSpendReport(spend: RunSpend) {
  return {
    program: tallyReport(spend.program),
    user: tallyReport(spend.user),
    judges: tallyReport(spend.judges),
    total: tallyReport(spend.total),
  };
}
