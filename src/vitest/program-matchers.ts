import type { MatcherState } from 'vitest';
import type { ComparisonOperator } from '../lang/ast.js';
import type { MetricReference } from '../program/program.js';
import { formatMetricValue } from '../report/format-metric-value.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { expectationSignificance } from '../stats/expectation-significance.js';
import { metricName, metricValue } from '../stats/metric-value.js';
import { compare } from '../verifiers/compile-verifier.js';
import { describeExpectation } from './describe-expectation.js';
import { describeCases, describeInterval, describeSignificance } from './describe-reading.js';
import { readMetric } from './read-metric.js';

/**
 * Matchers over a program's run, the value `runProgramFile` resolves to. Each reads the metric over the program's
 * cases as `informal test` computes it and, when it fails, says the observed value, its 95% interval, the threshold,
 * whether the failure could be noise (and the samples per case that would decide it), and each case's part.
 */
export interface ProgramMatchers<R = unknown> {
  /** pass@k (the chance that at least one of k attempts succeeds), averaged over cases, is at least `threshold`. */
  toHavePassAtK(k: number, threshold: number): R;
  /** pass^k (the chance that all k attempts succeed), averaged over cases, is at least `threshold`. */
  toHavePassHatK(k: number, threshold: number): R;
  /**
   * G-Pass@k at `tau` (the chance that at least a fraction `tau` of k attempts succeed; `tau` in (0, 1]), averaged
   * over cases, is at least `threshold`.
   */
  toHaveGPassAtK(k: number, tau: number, threshold: number): R;
  /** The mean score (each case's mean over its scored samples, averaged over cases) is at least `threshold`. */
  toHaveMeanScore(threshold: number): R;
  /** max@k (the expected best score of k attempts), averaged over cases, is at least `threshold`. */
  toHaveMaxAtK(k: number, threshold: number): R;
  /** pass@∞ (the share of cases that can be solved at all, extrapolated from the samples) is at least `threshold`. */
  toHavePassAtInf(threshold: number): R;
  /**
   * The expected number of attempts until the first success, capped at `budget` (lower is better), averaged over
   * cases, is at most `threshold`.
   */
  toHaveAttempts(budget: number, threshold: number): R;
  /** The share of samples whose interpreter or verifier call failed, averaged over cases, is at most `threshold`. */
  toHaveErrorRate(threshold: number): R;
  /** Every `expect` line of the program holds. */
  toPassExpectations(): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: vitest declares `Matchers<T = any>`; augmentations must match it.
  interface Matchers<T = any> extends ProgramMatchers<T> {}
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function isProgramSummary(value: unknown): value is ProgramSummary {
  const candidate = value as Partial<ProgramSummary> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate.cases) &&
    Array.isArray(candidate.expectations) &&
    typeof candidate.run === 'object'
  );
}

function checkReceived(matcher: string, received: unknown): ProgramSummary {
  if (isProgramSummary(received)) return received;
  const what = received === null ? 'null' : typeof received;
  throw new TypeError(
    `${matcher}() expects a program's run, the value \`await runProgramFile('x.prog')\` gives, but received ${what}`,
  );
}

function checkWhole(matcher: string, name: string, what: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new TypeError(`${matcher}: ${name} is ${what}, an integer of at least 1; got ${value}`);
}

const checkK = (matcher: string, k: unknown) =>
  checkWhole(`${matcher}(k, threshold)`, 'k', 'the number of attempts', k);

function checkTau(tau: unknown): number {
  if (typeof tau === 'number' && tau > 0 && tau <= 1) return tau;
  throw new TypeError(
    `toHaveGPassAtK(k, tau, threshold): tau is the fraction of the k attempts that must succeed, in (0, 1]; got ${tau}`,
  );
}

function checkThreshold(matcher: string, threshold: unknown): number {
  if (typeof threshold === 'number' && Number.isFinite(threshold)) return threshold;
  throw new TypeError(`${matcher}: the threshold must be a finite number such as 0.8; got ${threshold}`);
}

/** `capitals on sim:large`. */
function labelOf(summary: ProgramSummary): string {
  return `${summary.programName} on ${summary.run.interpreterId}`;
}

/** The operator that holds exactly when `operator` does not: what `.not` asks for. */
function negation(operator: ComparisonOperator): ComparisonOperator {
  switch (operator) {
    case '>=':
      return '<';
    case '>':
      return '<=';
    case '<=':
      return '>';
    case '<':
      return '>=';
    case '==':
      return '!=';
    case '!=':
      return '==';
    default:
      return operator satisfies never;
  }
}

/** Checks `metric operator threshold` on the run, as an `expect` line of the program would be checked. */
function metricMatcher(
  state: MatcherState,
  summary: ProgramSummary,
  metric: MetricReference,
  operator: ComparisonOperator,
  threshold: number,
): MatcherResult {
  const name = metricName(metric);
  const value = metricValue(metric, summary.cases);
  if (!value.defined) {
    // Neither `expect` nor `expect.not` can hold of a value that does not exist.
    throw new Error(`${name} of ${labelOf(summary)} is not defined: ${value.reason}`);
  }
  return {
    pass: compare(value.value, operator, threshold),
    message: () => {
      const lines = [
        `expected ${labelOf(summary)} ${state.isNot ? 'not ' : ''}to have ${name} ${operator} ${threshold}, but ${name} = ${formatMetricValue(metric, value.value)} (threshold ${threshold})`,
      ];
      // Each case's part is computed only for a message: pass@inf extrapolates each case alone.
      const reading = readMetric(metric, summary);
      // The assertion that failed: `operator` itself, or under `.not` its negation.
      const asserted = state.isNot ? negation(operator) : operator;
      if (value.interval) {
        const significance = expectationSignificance(value, asserted, threshold);
        const verdict = significance ? `; ${describeSignificance(asserted, significance)}` : '';
        lines.push(`  ${describeInterval(value.interval, reading)}${verdict}`);
      }
      lines.push(...describeCases(reading, asserted));
      return lines.join('\n');
    },
  };
}

/** The matchers' implementations, for `expect.extend`. */
export const programMatchers = {
  toHavePassAtK(this: MatcherState, received: unknown, k: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHavePassAtK', received);
    const metric = { name: 'pass@k', k: checkK('toHavePassAtK', k) } as const;
    return metricMatcher(this, summary, metric, '>=', checkThreshold('toHavePassAtK', threshold));
  },
  toHavePassHatK(this: MatcherState, received: unknown, k: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHavePassHatK', received);
    const metric = { name: 'pass^k', k: checkK('toHavePassHatK', k) } as const;
    return metricMatcher(this, summary, metric, '>=', checkThreshold('toHavePassHatK', threshold));
  },
  toHaveGPassAtK(this: MatcherState, received: unknown, k: number, tau: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveGPassAtK', received);
    const metric = {
      name: 'g-pass@k',
      k: checkWhole('toHaveGPassAtK(k, tau, threshold)', 'k', 'the number of attempts', k),
      tau: checkTau(tau),
    } as const;
    return metricMatcher(this, summary, metric, '>=', checkThreshold('toHaveGPassAtK', threshold));
  },
  toHaveMeanScore(this: MatcherState, received: unknown, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveMeanScore', received);
    return metricMatcher(this, summary, { name: 'mean-score' }, '>=', checkThreshold('toHaveMeanScore', threshold));
  },
  toHaveMaxAtK(this: MatcherState, received: unknown, k: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveMaxAtK', received);
    const metric = { name: 'max@k', k: checkK('toHaveMaxAtK', k) } as const;
    return metricMatcher(this, summary, metric, '>=', checkThreshold('toHaveMaxAtK', threshold));
  },
  toHavePassAtInf(this: MatcherState, received: unknown, threshold: number): MatcherResult {
    const summary = checkReceived('toHavePassAtInf', received);
    return metricMatcher(this, summary, { name: 'pass@inf' }, '>=', checkThreshold('toHavePassAtInf', threshold));
  },
  toHaveAttempts(this: MatcherState, received: unknown, budget: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveAttempts', received);
    const metric = {
      name: 'attempts',
      budget: checkWhole('toHaveAttempts(budget, threshold)', 'budget', 'the most attempts counted', budget),
    } as const;
    return metricMatcher(this, summary, metric, '<=', checkThreshold('toHaveAttempts', threshold));
  },
  toHaveErrorRate(this: MatcherState, received: unknown, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveErrorRate', received);
    return metricMatcher(this, summary, { name: 'error-rate' }, '<=', checkThreshold('toHaveErrorRate', threshold));
  },
  toPassExpectations(this: MatcherState, received: unknown): MatcherResult {
    const summary = checkReceived('toPassExpectations', received);
    const { expectations } = summary;
    if (expectations.length === 0) {
      throw new Error(`${labelOf(summary)} has no \`expect\` lines to check`);
    }
    if (summary.status === 'partial') {
      throw new Error(`${labelOf(summary)} was sampled in part only (a shard, or stopped), so its expectations wait`);
    }
    const failed = expectations.filter((expectation) => !expectation.met);
    return {
      pass: failed.length === 0,
      message: () =>
        this.isNot
          ? `expected ${labelOf(summary)} not to meet its expectations, but all ${expectations.length} hold:\n${expectations.map((expectation) => `  expect ${expectation.text}${expectation.caseId !== undefined ? ` on case "${expectation.caseId}"` : ''}`).join('\n')}`
          : `expected ${labelOf(summary)} to meet its expectations, but ${failed.length} of ${expectations.length} failed:\n\n${failed.map((expectation) => describeExpectation(expectation, summary)).join('\n\n')}`,
    };
  },
};
