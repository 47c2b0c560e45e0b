import type { MatcherState } from 'vitest';
import type { ComparisonOperator } from '../lang/ast.js';
import type { MetricReference } from '../program/program.js';
import { formatMetric } from '../report/format-number.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { describeExpectation } from './describe-expectation.js';
import { describeCases, describeInterval, noiseVerdict } from './describe-reading.js';
import { readMetric } from './read-metric.js';

/**
 * Matchers over a program's run, the value `runProgramFile` resolves to. Each reads the metric over the program's
 * cases and, when it fails, says the observed value, its 95% interval, the threshold, and each case's part.
 */
export interface ProgramMatchers<R = unknown> {
  /** pass@k (the chance that at least one of k attempts succeeds), averaged over cases, is at least `threshold`. */
  toHavePassAtK(k: number, threshold: number): R;
  /** pass^k (the chance that all k attempts succeed), averaged over cases, is at least `threshold`. */
  toHavePassHatK(k: number, threshold: number): R;
  /** The mean score (each case's mean over its scored samples, averaged over cases) is at least `threshold`. */
  toHaveMeanScore(threshold: number): R;
  /** max@k (the expected best score of k attempts), averaged over cases, is at least `threshold`. */
  toHaveMaxAtK(k: number, threshold: number): R;
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

function checkK(matcher: string, k: unknown): number {
  if (typeof k === 'number' && Number.isInteger(k) && k >= 1) return k;
  throw new TypeError(`${matcher}(k, threshold): k is the number of attempts, an integer of at least 1; got ${k}`);
}

function checkThreshold(matcher: string, threshold: unknown): number {
  if (typeof threshold === 'number' && Number.isFinite(threshold)) return threshold;
  throw new TypeError(`${matcher}: the threshold must be a finite number such as 0.8; got ${threshold}`);
}

/** `capitals on sim:large`. */
function labelOf(summary: ProgramSummary): string {
  return `${summary.programName} on ${summary.run.interpreterId}`;
}

function metricMatcher(
  state: MatcherState,
  summary: ProgramSummary,
  metric: MetricReference,
  threshold: number,
): MatcherResult {
  const reading = readMetric(metric, summary);
  const wanted = `${reading.name} >= ${threshold}`;
  if (!reading.value.defined) {
    // Neither `expect` nor `expect.not` can hold of a value that does not exist.
    throw new Error(`${reading.name} of ${labelOf(summary)} is not defined: ${reading.value.reason}`);
  }
  const value = reading.value.value;
  return {
    pass: value >= threshold,
    message: () => {
      const lines = [
        `expected ${labelOf(summary)} ${state.isNot ? 'not ' : ''}to have ${wanted}, but ${reading.name} = ${formatMetric(value)} (threshold ${threshold})`,
      ];
      if (reading.interval) {
        const operator: ComparisonOperator = state.isNot ? '<' : '>=';
        const verdict = noiseVerdict(operator, threshold, reading.interval);
        lines.push(`  ${describeInterval(reading.interval)}${verdict ? `; ${verdict}` : ''}`);
      }
      lines.push(...describeCases(reading));
      return lines.join('\n');
    },
  };
}

/** The matchers' implementations, for `expect.extend`. */
export const programMatchers = {
  toHavePassAtK(this: MatcherState, received: unknown, k: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHavePassAtK', received);
    const metric = { name: 'pass@k', k: checkK('toHavePassAtK', k) } as const;
    return metricMatcher(this, summary, metric, checkThreshold('toHavePassAtK', threshold));
  },
  toHavePassHatK(this: MatcherState, received: unknown, k: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHavePassHatK', received);
    const metric = { name: 'pass^k', k: checkK('toHavePassHatK', k) } as const;
    return metricMatcher(this, summary, metric, checkThreshold('toHavePassHatK', threshold));
  },
  toHaveMeanScore(this: MatcherState, received: unknown, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveMeanScore', received);
    return metricMatcher(this, summary, { name: 'mean-score' }, checkThreshold('toHaveMeanScore', threshold));
  },
  toHaveMaxAtK(this: MatcherState, received: unknown, k: number, threshold: number): MatcherResult {
    const summary = checkReceived('toHaveMaxAtK', received);
    const metric = { name: 'max@k', k: checkK('toHaveMaxAtK', k) } as const;
    return metricMatcher(this, summary, metric, checkThreshold('toHaveMaxAtK', threshold));
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
          ? `expected ${labelOf(summary)} not to meet its expectations, but all ${expectations.length} hold:\n${expectations.map((expectation) => `  expect ${expectation.text}`).join('\n')}`
          : `expected ${labelOf(summary)} to meet its expectations, but ${failed.length} of ${expectations.length} failed:\n\n${failed.map((expectation) => describeExpectation(expectation, summary)).join('\n\n')}`,
    };
  },
};
