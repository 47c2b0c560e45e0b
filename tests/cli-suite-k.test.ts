import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonReportSchema } from '../src/report/json-report-schema.js';
import { programFolder } from './support/report-programs.js';
import { runCli } from './support/run-cli.js';

const program = `prog 1
program arithmetic "Solve a short word problem"
input problem: string
prompt "Solve: {{ problem }}. End with the number."
verify contains(expected)
case "apples" { problem: "Ann has 3 apples and buys 4 more. How many does she have?" } -> 7
case "trains" { problem: "A train travels 60 km per hour for 3 hours. How far does it go?" } -> 180
case "legs" { problem: "How many legs do 5 spiders have?" } -> 40
case "eggs" { problem: "Three dozen eggs, minus 5 broken. How many whole eggs?" } -> 31
sample 16 seed 7
expect suite_k@0.5 <= 1000
expect suite_k@0.9 <= 1
`;

describe('suite_k from the command line', { timeout: 180_000 }, () => {
  it('is reported and checked by `informal test` on the simulator with a store, and headlines the comparison of two interpreters', () => {
    const { folder, store } = programFolder({ 'arithmetic.prog': program });
    const result = runCli(
      [
        'test',
        '.',
        '--interpreter',
        'sim:small',
        '--interpreter',
        'sim:large',
        '--store',
        store,
        '--reporter',
        'console',
        '--output-file',
        'json=json.json',
        '--output-file',
        'junit=junit.xml',
        '--output-file',
        'markdown=summary.md',
        '--output-file',
        'html=report.html',
      ],
      { cwd: folder },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^ {4}suite_k@0\.5 {2}\d+ {2}\[\d+, (\d+|∞)\] {2}· suite_k mean capped at 17: \d+\.\d \[\d+\.\d, \d+\.\d\]$/m,
    );
    const headline =
      /^ {2}suite_k@0\.5 \S+ (\d+|∞)(?: \(extrapolated\))? vs \S+ (\d+|∞)(?: \(extrapolated\))? \(\S+\/\S+ .+\): (.+)$/m;
    expect(result.stdout).toMatch(headline);

    const report = jsonReportSchema.parse(JSON.parse(readFileSync(join(folder, 'json.json'), 'utf8')));
    expect(report.programs).toHaveLength(2);
    for (const run of report.programs) {
      expect(run.suiteK?.q).toBe(0.5);
      // The capped mean at n + 1 = 17 is unbiased, between 1 and the budget.
      const mean = run.suiteK?.cappedMean;
      expect(mean?.budget).toBe(17);
      expect(mean?.beyondSamples).toBe(false);
      expect(mean?.estimate).toBeGreaterThanOrEqual(1);
      expect(mean?.estimate).toBeLessThanOrEqual(17);
      expect(mean?.lower).toBeLessThanOrEqual(mean?.estimate ?? Number.NaN);
      const estimate = run.suiteK?.estimate;
      expect(estimate === 'unbounded' || (typeof estimate === 'number' && estimate >= 1)).toBe(true);
      const [loose, tight] = run.expectations;
      expect(loose?.text).toBe('suite_k@0.5 <= 1000');
      // suite_k@0.9 ≤ 1 asks every case to be solved at the first attempt 9 times in 10: no simulated model does.
      expect(tight?.met).toBe(false);
    }
    const comparison = report.interpreterComparisons?.[0];
    expect(comparison?.suiteK?.fewer).toMatch(/^(reference|interpreter|neither)$/);
    const ratio = comparison?.suiteK?.ratio;
    if (ratio && typeof ratio.lower === 'number' && typeof ratio.upper === 'number') {
      expect(ratio.lower).toBeLessThanOrEqual(ratio.upper);
    }
    // sim:large solves more than sim:small: it never needs more attempts for the whole suite.
    const small = report.programs.find((run) => run.interpreter.id === 'sim:small');
    const large = report.programs.find((run) => run.interpreter.id === 'sim:large');
    const asNumber = (value: number | 'unbounded' | undefined) => (value === 'unbounded' ? Infinity : (value ?? NaN));
    expect(asNumber(large?.suiteK?.estimate)).toBeLessThanOrEqual(asNumber(small?.suiteK?.estimate));

    expect(readFileSync(join(folder, 'junit.xml'), 'utf8')).toMatch(/compared\.sim:small\.suite_k@0\.5\.fewer/);
    expect(readFileSync(join(folder, 'summary.md'), 'utf8')).toMatch(/suite\\_k@0\.5 .* vs /);
    const html = readFileSync(join(folder, 'report.html'), 'utf8');
    const model = JSON.parse(
      /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null',
    );
    const names = model.programs[0].metrics.map((metric: { name: string }) => metric.name);
    expect(names).toEqual(['pass@1', 'suite_k@0.5', 'suite_k@0.9', 'suite_k mean capped at 17']);
    expect(model.interpreterComparisons[0].suiteKText).toMatch(/^suite_k@0\.5 /);

    // A second run answers from the store: the same figures.
    const again = runCli(['test', '.', '--interpreter', 'sim:small', '--store', store, '--reporter', 'json'], {
      cwd: folder,
    });
    const rerun = jsonReportSchema.parse(JSON.parse(again.stdout));
    expect(rerun.programs[0]?.cacheHits).toBeGreaterThan(0);
    expect(rerun.programs[0]?.suiteK).toEqual(small?.suiteK);

    // `informal compare` of the run on sim:small with one on sim:large: the headline says which needs fewer attempts.
    const larger = runCli(['test', '.', '--interpreter', 'sim:large', '--store', store, '--reporter', 'json'], {
      cwd: folder,
    });
    const [smallRun, largeRun] = [rerun.runId ?? 'latest', JSON.parse(larger.stdout).runId as string];
    const compared = runCli(['compare', smallRun, largeRun, '--store', store], { cwd: folder });
    expect(compared.stderr).toBe('');
    expect(compared.stdout).toMatch(
      /^ {2}suite_k@0\.5 A (\d+|∞).* vs B \d+.*\(B\/A .+\): B needs fewer attempts to solve the whole suite$/m,
    );
    const json = JSON.parse(
      runCli(['compare', smallRun, largeRun, '--store', store, '--json'], { cwd: folder }).stdout,
    );
    expect(json.programs[0].suiteK.fewer).toBe('interpreter'); // B, sim:large
    expect(json.programs[0].suiteK.q).toBe(0.5);
  });

  it('points at a quantile outside (0, 1) with its place and a hint', () => {
    const { folder, store } = programFolder({
      'bad.prog': program.replace('expect suite_k@0.9 <= 1', 'expect suite_k@1.5 <= 10'),
    });
    const result = runCli(['test', '.', '--interpreter', 'sim:small', '--store', store], { cwd: folder });
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/bad\.prog:12:8/);
    expect(output).toMatch(/the quantile q of suite_k@1\.5 must lie strictly between 0 and 1/);
    expect(output).toMatch(/suite_k@0\.5` is the median/);
    expect(output).not.toMatch(/at .*\.js:\d+/);
  });
});
