import type { RunSuiteOptions } from './run-suite-options.js';
import type { SuiteOptionName, SuiteOptionProblem } from './suite-option-problem.js';

/** The suite options that `checkSuiteOptions` reads, with `watch` for a suite that re-runs as files change. */
export type CheckedSuiteOptions = Pick<
  RunSuiteOptions,
  | 'seed'
  | 'concurrency'
  | 'shard'
  | 'adaptive'
  | 'sequential'
  | 'resume'
  | 'readCache'
  | 'store'
  | 'maxCost'
  | 'samples'
> & {
  /** The suite is watched (`watchSuite`). */
  readonly watch?: boolean;
};

function isWholeAtLeast(value: number, minimum: number): boolean {
  return Number.isSafeInteger(value) && value >= minimum;
}

function wholeNumberProblem(option: SuiteOptionName, value: number, minimum: number): SuiteOptionProblem[] {
  return isWholeAtLeast(value, minimum)
    ? []
    : [{ code: 'invalid-value', option, value: String(value), expected: `a whole number of at least ${minimum}` }];
}

/**
 * Every problem with a suite's options, in the order a command line reports them: options that cannot run
 * together, and values outside what they allow. Empty when the suite can run as asked.
 */
export function checkSuiteOptions(options: CheckedSuiteOptions): SuiteOptionProblem[] {
  const problems: SuiteOptionProblem[] = [];
  if (options.adaptive && options.shard) problems.push({ code: 'adaptive-with-shard' });
  if (options.adaptive && options.sequential) problems.push({ code: 'adaptive-with-sequential' });
  if (options.watch && (options.shard || options.resume !== undefined)) {
    problems.push({ code: 'watch-with', other: options.shard ? 'shard' : 'resume' });
  }
  if (options.resume !== undefined && options.readCache === false) problems.push({ code: 'resume-without-cache' });
  if (options.resume !== undefined && options.store === false) problems.push({ code: 'resume-without-store' });
  if (options.seed !== undefined) problems.push(...wholeNumberProblem('seed', options.seed, 0));
  if (options.concurrency !== undefined) problems.push(...wholeNumberProblem('concurrency', options.concurrency, 1));
  if (options.samples !== undefined) problems.push(...wholeNumberProblem('samples', options.samples, 1));
  const { shard, adaptive } = options;
  if (shard && !(isWholeAtLeast(shard.count, 1) && isWholeAtLeast(shard.index, 1) && shard.index <= shard.count)) {
    problems.push({
      code: 'invalid-value',
      option: 'shard',
      value: `${shard.index}/${shard.count}`,
      expected: 'i/n with 1 ≤ i ≤ n, such as 2/3',
    });
  }
  if (adaptive && !(adaptive.targetWidth > 0 && adaptive.targetWidth < 1)) {
    problems.push({
      code: 'invalid-value',
      option: 'targetWidth',
      value: String(adaptive.targetWidth),
      expected: 'a number between 0 and 1, such as 0.05',
    });
  }
  if (adaptive?.budget !== undefined) problems.push(...wholeNumberProblem('budget', adaptive.budget, 1));
  const errorRate = options.sequential?.errorRate;
  if (errorRate !== undefined && !(errorRate > 0 && errorRate < 1)) {
    problems.push({
      code: 'invalid-value',
      option: 'errorRate',
      value: String(errorRate),
      expected: 'a chance of a wrong decision between 0 and 1, both excluded, such as 0.05',
    });
  }
  if (options.maxCost !== undefined && !(options.maxCost > 0 && Number.isFinite(options.maxCost))) {
    problems.push({
      code: 'invalid-value',
      option: 'maxCost',
      value: String(options.maxCost),
      expected: 'an amount of dollars above 0, such as 0.50',
    });
  }
  return problems;
}
