import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ProgramSummary } from '../src/runner/program-summary.js';
import { maxAtK } from '../src/stats/max-at-k.js';
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

describe('the program matchers', () => {
  let folder: string;
  let small: ProgramSummary;
  beforeAll(async () => {
    folder = tempFolder({
      'graded.prog': graded,
      'words.prog': generatedProgram('words', 6, 10, 'expect pass@1 >= 0.2'),
    });
    small = await runProgramFile('graded.prog', { cwd: folder, interpreter: 'sim:small', store: false });
  });

  test('toHavePassAtK and toHavePassHatK pass at the observed value and fail just above it, saying why', () => {
    const pass5 = mean(small, ({ n, c }) => passAtK(n, c, 5));
    expect(small).toHavePassAtK(5, pass5);
    expect(small).not.toHavePassAtK(5, pass5 + 0.001);
    const message = failureOf(() => expect(small).toHavePassAtK(5, pass5 + 0.001));
    const lines = message.split('\n');
    expect(lines[0]).toBe(
      `expected graded on sim:small to have pass@5 >= ${pass5 + 0.001}, but pass@5 = ${pass5.toFixed(3)} (threshold ${pass5 + 0.001})`,
    );
    expect(lines[1]).toMatch(
      /^ {2}95% interval \d\.\d{3}–\d\.\d{3} over 3 cases; the interval reaches the threshold: the shortfall could be noise/,
    );
    expect(lines[2]).toBe('  cases, worst first (successes/scored samples, pass@5):');
    expect(lines.slice(3)).toHaveLength(3);
    const perCase = lines.slice(3).map((line) => Number(line.trim().split(/\s+/).at(-1)));
    expect(perCase).toEqual([...perCase].sort((a, b) => a - b));
    for (const counts of small.cases) {
      expect(message).toMatch(
        new RegExp(`"${counts.caseId}"\\s+${counts.c}/${counts.n}\\s+${passAtK(counts.n, counts.c, 5).toFixed(3)}`),
      );
    }

    const hat2 = mean(small, ({ n, c }) => passHatK(n, c, 2));
    expect(small).toHavePassHatK(2, hat2);
    const negated = failureOf(() => expect(small).not.toHavePassHatK(2, hat2));
    expect(negated).toMatch(
      new RegExp(`^expected graded on sim:small not to have pass\\^2 >= ${hat2}, but pass\\^2 = ${hat2.toFixed(3)}`),
    );
  });

  test('toHaveMeanScore and toHaveMaxAtK read the real scores, not the successes', () => {
    const meanScore = mean(small, ({ meanScore }) => meanScore ?? 0);
    expect(meanScore).toBeGreaterThan(0);
    expect(meanScore).toBeLessThan(1);
    expect(small).toHaveMeanScore(meanScore);
    expect(failureOf(() => expect(small).toHaveMeanScore(0.999))).toMatch(
      new RegExp(`^expected graded on sim:small to have mean_score >= 0.999, but mean_score = ${meanScore.toFixed(3)}`),
    );
    const scoresOf = (caseId: string) =>
      small.run.cases.find((caseRun) => caseRun.caseId === caseId)?.samples.map((sample) => sample.score.value ?? 0) ??
      [];
    const max3 = mean(small, ({ caseId }) => maxAtK(scoresOf(caseId), 3));
    expect(max3).toBeGreaterThan(meanScore);
    expect(small).toHaveMaxAtK(3, max3 - 1e-9);
    expect(failureOf(() => expect(small).toHaveMaxAtK(3, 1))).toMatch(
      /cases, worst first \(successes\/scored samples, max@3\)/,
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
