import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

describe('informal test --adaptive', () => {
  it('stops once the expected metrics are narrow enough, drawing fewer samples than the cap', () => {
    const folder = tempFolder({
      'a.prog': generatedProgram('a', 8, 500, 'expect pass@1 >= 0.1\nexpect pass@4 >= 0.2'),
    });
    const result = runCli(
      ['test', 'a.prog', '--adaptive', '--target-width', '0.1', '--reporter', 'json', '--store', 's.sqlite'],
      {
        cwd: folder,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const program = JSON.parse(result.stdout).programs[0];
    expect(program.adaptive.reason).toBe('target-reached');
    for (const width of program.adaptive.widths) expect(width.width).toBeLessThanOrEqual(0.1);
    const drawn = program.cases.reduce(
      (sum: number, testCase: { samples: unknown[] }) => sum + testCase.samples.length,
      0,
    );
    expect(drawn).toBeLessThan(8 * 500);
    // Each case's samples are the first indices of the uniform plan, with the same seeds.
    const uniform = JSON.parse(
      runCli(['test', 'a.prog', '--reporter', 'json', '--store', 'u.sqlite'], { cwd: folder }).stdout,
    ).programs[0];
    const seedsOf = (testCase: { samples: { index: number; seed: number }[] }) =>
      testCase.samples.map((sample) => [sample.index, sample.seed]);
    program.cases.forEach((testCase: { samples: { index: number; seed: number }[] }, position: number) => {
      expect(seedsOf(uniform.cases[position]).slice(0, testCase.samples.length)).toEqual(seedsOf(testCase));
    });
  });

  it('refuses to combine with --shard', () => {
    const folder = tempFolder({ 'a.prog': generatedProgram('a', 2, 10) });
    const result = runCli(['test', 'a.prog', '--adaptive', '--shard', '1/2'], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--adaptive and --shard cannot be combined');
  });
});
