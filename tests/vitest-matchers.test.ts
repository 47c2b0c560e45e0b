import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MetricReference } from '../src/program/program.js';
import type { ProgramSummary } from '../src/runner/program-summary.js';
import { caseMetric } from '../src/stats/case-metric.js';
import { expectationSignificance } from '../src/stats/expectation-significance.js';
import { maxAtK } from '../src/stats/max-at-k.js';
import { metricValue } from '../src/stats/metric-value.js';
import { passAtK } from '../src/stats/pass-at-k.js';
import { passHatK } from '../src/stats/pass-hat-k.js';
import '../src/vitest/matchers.js';
import { ProgramFileError } from '../src/vitest/program-file-error.js';
import { runProgramFile } from '../src/vitest/run-program-file.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/** The mean over cases of a per-case value, as the matchers compute it. */
function mean(summary: ProgramSummary, perCase: (counts: ProgramSummary['cases'][number]) => number): number {
  return summary.cases.reduce((sum, counts) => sum + perCase(counts), 0) / summary.cases.length;
}

/** The runner's value of a metric over the run's cases. */
function runnerValue(summary: ProgramSummary, metric: MetricReference): number {
  const value = metricValue(metric, summary.cases);
  if (!value.defined) throw new Error(`${metric.name} is not defined: ${value.reason}`);
  return value.value;
}

/** The failure message of an assertion that must fail. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

const graded = [
  'prog 1',
  'program graded',
  'input word: string',
  'prompt "Spell {{ word }}."',
  'verify edit_similarity(output, expected)',
  'pass when score >= 0.99',
  'case "short" { word: "cat" } -> "cat"',
  'case "long" { word: "encyclopaedia" } -> "encyclopaedia"',
  'case "middle" { word: "window" } -> "window"',
  'sample 12 seed 4',
  'expect pass@1 >= 0.99',
  'expect pass@12 >= 0.1',
].join('\n');

const spelled = [
  'prog 1',
  'program spelled',
  'input word: string',
  'prompt "Spell {{ word }}."',
  'verify edit_similarity(output, expected)',
  'pass when score >= 0.99',
  'case "short" { word: "cat" } -> "cat"',
  'case "long" { word: "encyclopaedia" } -> "encyclopaedia" expect pass@1 >= 0.99',
  'sample 12 seed 4',
].join('\n');

describe('the program matchers', () => {
  let folder: string;
  let small: ProgramSummary;
  beforeAll(async () => {
    folder = tempFolder({
      'graded.prog': graded,
      'words.prog': generatedProgram('words', 6, 10, 'expect pass@1 >= 0.2'),
      'spelled.prog': spelled,
    });
    small = await runProgramFile('graded.prog', { cwd: folder, interpreter: 'sim:small', store: false });
  });

  test('toHavePassAtK and toHavePassHatK pass at the observed value and fail just above it, saying why', () => {
    const pass5 = runnerValue(small, { name: 'pass@k', k: 5 });
    // The runner's value: the mean over cases of each case's unbiased estimate.
    expect(pass5).toBeCloseTo(
      mean(small, ({ n, c }) => passAtK(n, c, 5)),
      12,
    );
    expect(small).toHavePassAtK(5, pass5);
    expect(small).not.toHavePassAtK(5, pass5 + 0.001);
    const message = failureOf(() => expect(small).toHavePassAtK(5, pass5 + 0.001));
    const lines = message.split('\n');
    expect(lines[0]).toBe(
      `expected graded on sim:small to have pass@5 >= ${pass5 + 0.001}, but pass@5 = ${pass5.toFixed(3)} (threshold ${pass5 + 0.001})`,
    );
    // The interval and the samples that would decide it are the runner's.
    const observed = metricValue({ name: 'pass@k', k: 5 }, small.cases);
    if (!observed.defined || !observed.interval) throw new Error('pass@5 has an interval');
    const significance = expectationSignificance(observed, '>=', pass5 + 0.001);
    expect(significance?.verdict).toBe('uncertain');
    const decide =
      significance?.samplesPerCase !== undefined
        ? `about ${significance.samplesPerCase} samples per case would decide it`
        : `more samples per case cannot decide it; about ${significance?.casesNeeded} cases would`;
    expect(lines[1]).toBe(
      `  95% interval ${observed.interval.lower.toFixed(3)}–${observed.interval.upper.toFixed(3)} over 3 cases; the interval reaches the threshold: the shortfall could be noise; ${decide}`,
    );
    expect(lines[2]).toBe('  cases, worst first (successes/scored samples, pass@5, 95% interval):');
    expect(lines.slice(3)).toHaveLength(3);
    const perCase = lines.slice(3).map((line) => Number(line.trim().split(/\s+/)[2]));
    expect(perCase).toEqual([...perCase].sort((a, b) => a - b));
    for (const outcomes of small.cases) {
      const single = caseMetric({ name: 'pass@k', k: 5 }, outcomes);
      if (!single.defined) throw new Error('pass@5 of each case is defined');
      expect(message).toMatch(
        new RegExp(
          `"${outcomes.caseId}"\\s+${outcomes.c}/${outcomes.n}  ${single.value.toFixed(3)}  \\[${single.lower.toFixed(3)}, ${single.upper.toFixed(3)}\\]`,
        ),
      );
    }

    const hat2 = runnerValue(small, { name: 'pass^k', k: 2 });
    expect(hat2).toBeCloseTo(
      mean(small, ({ n, c }) => passHatK(n, c, 2)),
      12,
    );
    expect(small).toHavePassHatK(2, hat2);
    const negated = failureOf(() => expect(small).not.toHavePassHatK(2, hat2));
    expect(negated).toMatch(
      new RegExp(`^expected graded on sim:small not to have pass\\^2 >= ${hat2}, but pass\\^2 = ${hat2.toFixed(3)}`),
    );
  });

  test('a shortfall whose whole interval lies below the threshold is beyond the noise', () => {
    const message = failureOf(() => expect(small).toHavePassAtK(1, 0.99));
    expect(message.split('\n')[1]).toMatch(
      /^ {2}95% interval \d\.\d{3}–\d\.\d{3} over 3 cases; the whole interval lies below the threshold: the shortfall is beyond the noise$/,
    );
  });

  test('G-Pass@k, pass@inf, capped attempts and the error rate have matchers too, read as the runner reads them', () => {
    const gPass = runnerValue(small, { name: 'g-pass@k', k: 4, tau: 0.5 });
    expect(small).toHaveGPassAtK(4, 0.5, gPass);
    expect(failureOf(() => expect(small).toHaveGPassAtK(4, 0.5, gPass + 0.01))).toMatch(
      new RegExp(
        `^expected graded on sim:small to have g-pass@4\\[0\\.5\\] >= ${gPass + 0.01}, but g-pass@4\\[0\\.5\\] = `,
      ),
    );
    const infinity = runnerValue(small, { name: 'pass@inf' });
    expect(small).toHavePassAtInf(infinity);
    expect(failureOf(() => expect(small).toHavePassAtInf(infinity + 0.01))).toMatch(
      /^expected graded on sim:small to have pass@inf >= [\d.]+, but pass@inf = \d\.\d{3} \(threshold [\d.]+\)\n {2}95% interval \d\.\d{3}–\d\.\d{3} extrapolated from 3 cases/,
    );

    // Fewer attempts and fewer errors are better: these pass at or below the threshold.
    const attempts = runnerValue(small, { name: 'attempts', budget: 8 });
    expect(attempts).toBeGreaterThan(1);
    expect(small).toHaveAttempts(8, attempts);
    const tooMany = failureOf(() => expect(small).toHaveAttempts(8, attempts - 0.01));
    expect(tooMany).toMatch(
      new RegExp(
        `^expected graded on sim:small to have attempts@8 <= ${attempts - 0.01}, but attempts@8 = ${attempts.toFixed(3)}`,
      ),
    );
    expect(tooMany).toMatch(/; the interval reaches the threshold: the excess could be noise/);
    // Under an upper bound the worst case is the one that needs the most attempts.
    const listed = tooMany
      .split('\n')
      .slice(3)
      .map((line) => Number(line.trim().split(/\s+/)[2]));
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    expect(small).not.toHaveAttempts(8, 1);

    expect(small).toHaveErrorRate(0);
    expect(failureOf(() => expect(small).not.toHaveErrorRate(0))).toMatch(
      /^expected graded on sim:small not to have error_rate <= 0, but error_rate = 0\.000 \(threshold 0\)\n {2}95% interval 0\.000–0\.\d{3} over 3 cases[^\n]*\n {2}cases, worst first \(errors\/samples drawn, error_rate, 95% interval\):\n\s+"\w+"\s+0\/12\s+0\.000/,
    );
  });

  test('toHaveMeanScore and toHaveMaxAtK read the real scores, not the successes', () => {
    const meanScore = runnerValue(small, { name: 'mean-score' });
    expect(meanScore).toBeCloseTo(
      mean(small, ({ meanScore }) => meanScore ?? 0),
      12,
    );
    expect(meanScore).toBeGreaterThan(0);
    expect(meanScore).toBeLessThan(1);
    expect(small).toHaveMeanScore(meanScore);
    expect(failureOf(() => expect(small).toHaveMeanScore(0.999))).toMatch(
      new RegExp(`^expected graded on sim:small to have mean_score >= 0.999, but mean_score = ${meanScore.toFixed(3)}`),
    );
    const scoresOf = (caseId: string) =>
      small.run.cases.find((caseRun) => caseRun.caseId === caseId)?.samples.map((sample) => sample.score.value ?? 0) ??
      [];
    const max3 = runnerValue(small, { name: 'max@k', k: 3 });
    expect(max3).toBeCloseTo(
      mean(small, ({ caseId }) => maxAtK(scoresOf(caseId), 3)),
      12,
    );
    expect(max3).toBeGreaterThan(meanScore);
    expect(small).toHaveMaxAtK(3, max3);
    expect(failureOf(() => expect(small).toHaveMaxAtK(3, 1))).toMatch(
      /cases, worst first \(successes\/scored samples, max@3, 95% interval\)/,
    );
  });

  test('toPassExpectations lists each failed expectation with its value, interval and place', async () => {
    const failed = failureOf(() => expect(small).toPassExpectations());
    expect(failed).toMatch(/^expected graded on sim:small to meet its expectations, but 1 of 2 failed:\n\n/);
    expect(failed).toMatch(
      /expect pass@1 >= 0\.99 failed for graded on sim:small: observed 0\.\d{3}, threshold 0\.99\n/,
    );
    expect(failed).toContain('  at graded.prog:11:1\n');
    const words = await runProgramFile('words.prog', { cwd: folder, interpreter: 'sim:perfect', store: false });
    expect(words).toPassExpectations();
    expect(failureOf(() => expect(words).not.toPassExpectations())).toBe(
      'expected words on sim:perfect not to meet its expectations, but all 1 hold:\n  expect pass@1 >= 0.2',
    );
  });

  test('an expectation on one case is described with that case alone: its value, its interval over its samples', async () => {
    const spelled = await runProgramFile('spelled.prog', { cwd: folder, interpreter: 'sim:small', store: false });
    const result = spelled.expectations[0];
    expect(result?.caseId).toBe('long');
    const lines = failureOf(() => expect(spelled).toPassExpectations()).split('\n');
    const observed = metricValue({ name: 'pass@k', k: 1 }, spelled.cases, { caseId: 'long' });
    if (!observed.defined || !observed.interval) throw new Error('pass@1 of "long" has an interval');
    expect(result?.observed).toEqual(observed);
    const long = spelled.cases.find((outcomes) => outcomes.caseId === 'long');
    expect(lines.slice(2, 4)).toEqual([
      `expect pass@1 >= 0.99 on case "long" failed for spelled on sim:small: observed ${observed.value.toFixed(3)}, threshold 0.99`,
      expect.stringMatching(
        new RegExp(
          `^ {2}95% interval ${observed.interval.lower.toFixed(3)}–${observed.interval.upper.toFixed(3)} over 12 samples of case "long"; the (whole interval lies below|interval reaches) the threshold`,
        ),
      ),
    ]);
    expect(lines.slice(4)).toEqual([
      '  at spelled.prog:8:58',
      '  the case (successes/scored samples, pass@1, 95% interval):',
      `    "long"  ${long?.c}/12  ${observed.value.toFixed(3)}  [${observed.interval.lower.toFixed(3)}, ${observed.interval.upper.toFixed(3)}]`,
    ]);
  });

  test('a metric that is not defined, a wrong argument or a value that is not a run fails with what to do', () => {
    expect(() => expect(small).toHavePassAtK(20, 0.5)).toThrow(
      'pass@20 of graded on sim:small is not defined: case "short" has 12 scored samples, fewer than k = 20',
    );
    expect(() => expect(small).not.toHavePassAtK(20, 0.5)).toThrow(/is not defined/);
    expect(() => expect(small).toHavePassAtK(0, 0.5)).toThrow(
      'toHavePassAtK(k, threshold): k is the number of attempts, an integer of at least 1; got 0',
    );
    expect(() => expect({ passAt1: 0.5 }).toHavePassAtK(1, 0.5)).toThrow(
      "toHavePassAtK() expects a program's run, the value `await runProgramFile('x.prog')` gives, but received object",
    );
    expect(() => expect(small).toHaveGPassAtK(4, 1.5, 0.5)).toThrow(
      'toHaveGPassAtK(k, tau, threshold): tau is the fraction of the k attempts that must succeed, in (0, 1]; got 1.5',
    );
    expect(() => expect(small).toHaveAttempts(0.5, 2)).toThrow(
      'toHaveAttempts(budget, threshold): budget is the most attempts counted, an integer of at least 1; got 0.5',
    );
    expect(() => expect(small).toHaveAttempts(20, 2)).toThrow(/attempts@20 of graded on sim:small is not defined: /);
    // @ts-expect-error: the threshold is required, and the types say so.
    expect(() => expect(small).toHavePassAtK(5)).toThrow(/the threshold must be a finite number/);
  });
});

describe('runProgramFile', () => {
  test('a second run of the same program reads every sample from the store', async () => {
    const folder = tempFolder({ 'words.prog': generatedProgram('words', 3, 5) });
    const first = await runProgramFile('words.prog', { cwd: folder, interpreter: 'sim:medium' });
    expect(first.run.cacheHits).toBe(0);
    const second = await runProgramFile('words.prog', { cwd: folder, interpreter: 'sim:medium' });
    expect(second.run.cacheHits).toBe(15);
    expect(second.cases).toEqual(first.cases);
    const other = await runProgramFile('words.prog', { cwd: folder, interpreter: 'sim:medium', seed: 9 });
    expect(other.run.cacheHits).toBe(0);
  });

  test('a program with errors rejects with its diagnostics rendered; so does an unknown interpreter', async () => {
    const folder = tempFolder({
      'broken.prog': 'prog 1\nprogram broken\ninput word: string\nprompt "Say {{ wrd }}."\nverify exact(expected)\n',
      'words.prog': generatedProgram('words', 1, 2),
    });
    const broken = await runProgramFile('broken.prog', { cwd: folder }).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(ProgramFileError);
    expect((broken as ProgramFileError).diagnostics.map((diagnostic) => diagnostic.code)).toContain('R001');
    expect((broken as ProgramFileError).message).toContain(
      [
        'broken.prog has errors:',
        '',
        'broken.prog:4:13: error R001: unknown input `wrd` in the prompt',
        '  |',
        '4 | prompt "Say {{ wrd }}."',
        '  |             ^^^^^^^^^',
        '  = hint: did you mean `word`?',
        '',
        'broken.prog:2:9: error R009: program `broken` has no cases to run',
      ].join('\n'),
    );
    expect((broken as ProgramFileError).stack).toBe(`ProgramFileError: ${(broken as ProgramFileError).message}`);
    await expect(runProgramFile('words.prog', { cwd: folder, interpreter: 'sim:huge', store: false })).rejects.toThrow(
      /words\.prog could not run:\n\nerror: unknown simulator profile `huge` in `sim:huge`\n {2}hint: the profiles are/,
    );
    await expect(runProgramFile('missing.prog', { cwd: folder })).rejects.toThrow(
      /no such file or folder: missing\.prog/,
    );
    await expect(
      runProgramFile('words.prog', { cwd: folder, config: join(folder, 'nowhere.config.ts') }),
    ).rejects.toThrow(/the config .*nowhere\.config\.ts: no such file/);
  });
});
