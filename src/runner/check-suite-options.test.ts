import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedProgram, tempFolder } from '../../tests/support/temp-folder.js';
import { checkSuiteOptions } from './check-suite-options.js';
import type { Reporter } from './reporter.js';
import { runSuite } from './run-suite.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import { describeSuiteOptionProblem, libraryOptionNaming } from './suite-option-problem.js';
import { SuiteOptionsError } from './suite-options-error.js';
import { watchSuite } from './watch-suite.js';

/** A folder with one small program, and options that run it into a store there. */
function suite(options: Partial<RunSuiteOptions> = {}): RunSuiteOptions & { readonly calls: string[] } {
  const cwd = tempFolder({ 'p.prog': generatedProgram('p', 2, 2) });
  const calls: string[] = [];
  const reporter: Reporter = {
    onSuiteStart: () => void calls.push('start'),
    onSuiteEnd: () => void calls.push('end'),
  };
  return { paths: ['p.prog'], cwd, store: 's.sqlite', reporters: [reporter], calls, ...options };
}

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the suite ran'),
    (error: unknown) => error,
  );
}

describe('runSuite refuses options that cannot run as given', () => {
  it('refuses adaptive with shard before reading anything: no reporter is told and no store is made', async () => {
    const options = suite({ adaptive: { targetWidth: 0.1 }, shard: { index: 1, count: 2 } });
    const error = await rejection(runSuite(options));
    expect(error).toBeInstanceOf(SuiteOptionsError);
    expect((error as SuiteOptionsError).problems).toEqual([{ code: 'adaptive-with-shard' }]);
    expect((error as SuiteOptionsError).message).toBe(
      'adaptive and shard cannot be combined: adaptive sampling decides each batch from all samples so far',
    );
    expect(options.calls).toEqual([]);
    expect(existsSync(join(options.cwd, 's.sqlite'))).toBe(false);
  });

  it('refuses resume with readCache false, naming the options and the fix', async () => {
    const error = (await rejection(runSuite(suite({ resume: 'latest', readCache: false })))) as SuiteOptionsError;
    expect(error.problems).toEqual([{ code: 'resume-without-cache' }]);
    expect(error.message).toBe(
      "readCache: false cannot be combined with resume: resuming keeps the run's finished samples, and readCache: false would draw them anew (hint: leave out readCache: false, or start a new run without resume)",
    );
  });

  it('refuses resume without a store', async () => {
    const error = (await rejection(runSuite(suite({ resume: 'latest', store: false })))) as SuiteOptionsError;
    expect(error.problems).toEqual([{ code: 'resume-without-store' }]);
    expect(error.message).toBe('cannot resume a run without a store (hint: give the store the run is in)');
  });

  it('lists every problem at once, values outside what they allow included', async () => {
    const options = suite({
      adaptive: { targetWidth: 1.5, budget: 0 },
      shard: { index: 3, count: 2 },
      resume: 'latest',
      readCache: false,
      seed: -1,
      concurrency: 2.5,
    });
    const error = (await rejection(runSuite(options))) as SuiteOptionsError;
    expect(error.problems.map((problem) => describeSuiteOptionProblem(problem, libraryOptionNaming).message)).toEqual([
      'adaptive and shard cannot be combined: adaptive sampling decides each batch from all samples so far',
      "readCache: false cannot be combined with resume: resuming keeps the run's finished samples, and readCache: false would draw them anew",
      'seed is -1: expected a whole number of at least 0',
      'concurrency is 2.5: expected a whole number of at least 1',
      'shard is 3/2: expected i/n with 1 ≤ i ≤ n, such as 2/3',
      'adaptive.targetWidth is 1.5: expected a number between 0 and 1, such as 0.05',
      'adaptive.budget is 0: expected a whole number of at least 1',
    ]);
    expect(options.calls).toEqual([]);
  });

  it('refuses adaptive with sequential, and an error rate outside (0, 1)', () => {
    expect(
      checkSuiteOptions({ adaptive: { targetWidth: 0.1 }, sequential: { errorRate: 1 } }).map(
        (problem) => describeSuiteOptionProblem(problem, libraryOptionNaming).message,
      ),
    ).toEqual([
      'adaptive and sequential cannot be combined: each decides when a program has drawn enough',
      'sequential.errorRate is 1: expected a chance of a wrong decision between 0 and 1, both excluded, such as 0.05',
    ]);
    expect(checkSuiteOptions({ sequential: { errorRate: 0.01 }, shard: { index: 1, count: 2 } })).toEqual([]);
  });

  it('runs options that can run together, and tells the reporters', async () => {
    const options = suite({ shard: { index: 1, count: 2 }, seed: 0, concurrency: 1, readCache: false });
    expect(checkSuiteOptions(options)).toEqual([]);
    const result = await runSuite(options);
    expect(result.status).toBe('passed');
    expect(options.calls).toEqual(['start', 'end']);
  });
});

describe('watchSuite refuses what a watched suite cannot honour', () => {
  it.each([
    [{ shard: { index: 1, count: 2 } }, 'watch cannot be combined with shard'],
    [{ resume: 'latest' }, 'watch cannot be combined with resume'],
  ])('refuses %j before the first run', async (extra, message) => {
    const options = suite(extra);
    const error = (await rejection(
      watchSuite({ ...options, stopSignal: new AbortController().signal }),
    )) as SuiteOptionsError;
    expect(error).toBeInstanceOf(SuiteOptionsError);
    expect(error.message).toBe(`${message}: watching re-runs whole programs as their files change`);
    expect(options.calls).toEqual([]);
  });
});
