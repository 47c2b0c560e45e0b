import type { SuiteKResult } from '../stats/suite-k/suite-k.js';
import type { SuiteKComparison } from '../stats/suite-k/suite-k-comparison.js';

/** Attempts as written in a report: a whole number, or ∞ where the suite may never be solved. */
export function formatAttempts(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value)) : '∞';
}

/** A ratio of attempts: three significant digits within 1/1000 to 1000, a bound beyond. */
function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  if (value === 0) return '0×';
  if (value < 0.001) return '<0.001×';
  if (value > 1000) return '>1000×';
  return `${Number(value.toPrecision(3))}×`;
}

/**
 * The headline of a comparison of two interpreters: which needs fewer attempts per case to solve the whole suite
 * (`suite_k@q`) in each, and the ratio of the second's to the first's with its interval: `suite_k@0.5 A 12 vs B 40
 * (B/A 3.33×, 95% [1.80×, 6.00×]): A needs fewer attempts to solve the whole suite`.
 */
export function describeSuiteKComparison(comparison: SuiteKComparison, reference: string, interpreter: string): string {
  const { a, b, ratio, fewer, q, level } = comparison;
  const beyond = (side: { beyondSamples: boolean }) => (side.beyondSamples ? ' (extrapolated)' : '');
  const figures =
    `suite_k@${q} ${reference} ${formatAttempts(a.estimate)}${beyond(a)} vs ${interpreter} ${formatAttempts(b.estimate)}${beyond(b)} ` +
    `(${interpreter}/${reference} ${formatRatio(ratio.estimate)}, ${Math.round(level * 100)}% [${formatRatio(ratio.lower)}, ${formatRatio(ratio.upper)}])`;
  switch (fewer) {
    case 'a':
      return `${figures}: ${reference} needs fewer attempts to solve the whole suite`;
    case 'b':
      return `${figures}: ${interpreter} needs fewer attempts to solve the whole suite`;
    case 'neither':
      return `${figures}: no clear difference in the attempts that solve the whole suite`;
    default:
      return fewer satisfies never;
  }
}

/** An estimate for JSON: `unbounded` stands for Infinity, which JSON cannot hold. */
export function jsonAttempts(value: number): number | 'unbounded' {
  return Number.isFinite(value) ? value : 'unbounded';
}

function suiteKEstimateReport(estimate: { estimate: number; lower: number; upper: number; beyondSamples: boolean }) {
  return {
    estimate: jsonAttempts(estimate.estimate),
    lower: jsonAttempts(estimate.lower),
    upper: jsonAttempts(estimate.upper),
    beyondSamples: estimate.beyondSamples,
  };
}

/** A comparison of `suite_k` for JSON: Infinity as `unbounded`, the sides as `reference` and `interpreter`. */
export function suiteKComparisonReport(comparison: SuiteKComparison) {
  return {
    q: comparison.q,
    level: comparison.level,
    reference: suiteKEstimateReport(comparison.a),
    interpreter: suiteKEstimateReport(comparison.b),
    ratio: {
      estimate: jsonAttempts(comparison.ratio.estimate),
      lower: jsonAttempts(comparison.ratio.lower),
      upper: jsonAttempts(comparison.ratio.upper),
    },
    fewer: comparison.fewer === 'a' ? 'reference' : comparison.fewer === 'b' ? 'interpreter' : 'neither',
  };
}

/** The suite's capped mean of attempts as a metric's label, value and interval, each as written. */
export function suiteKMeanFigures(result: SuiteKResult): { label: string; value: string; interval: string } {
  const { cappedMean } = result;
  const figure = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '∞');
  return {
    label: `suite_k mean capped at ${cappedMean.budget}${cappedMean.beyondSamples ? ' (extrapolated)' : ''}`,
    value: figure(cappedMean.estimate),
    interval: `[${figure(cappedMean.lower)}, ${figure(cappedMean.upper)}]`,
  };
}

/** The suite's capped mean of attempts in words: `suite_k mean capped at 21: 3.4 [2.9, 4.1]`. */
export function describeSuiteKMean(result: SuiteKResult): string {
  const { label, value, interval } = suiteKMeanFigures(result);
  return `${label}: ${value} ${interval}`;
}
