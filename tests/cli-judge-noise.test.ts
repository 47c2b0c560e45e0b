import { describe, expect, it } from 'vitest';
import type { Score } from '../src/contracts/score.js';
import { jsonReportSchema } from '../src/report/json-report-schema.js';
import { judgeVarianceComponents, sampleJudgeVariance } from '../src/stats/judge-noise/index.js';
import { judgeVerdictsIn } from '../src/verifiers/meta-evaluate.js';
import { runCli } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const program = [
  'prog 1',
  'program capitals "Name a capital"',
  'input country: string',
  'prompt "What is the capital of {{ country }}?"',
  'judge correct model "sim:small" samples 3 """',
  '  Score from 0 to 1 whether {{ output }} is the capital of {{ country }}.',
  '  """',
  'verify correct',
  'case "france" { country: "France" } -> "Paris"',
  'case "japan" { country: "Japan" } -> "Tokyo"',
  'case "peru" { country: "Peru" } -> "Lima"',
  'case "chile" { country: "Chile" } -> "Santiago"',
  'sample 8 seed 3',
  'expect mean_score >= 0',
].join('\n');

describe('judge noise from the command line', { timeout: 120_000 }, () => {
  it('reports the judge’s share of the mean score’s variance, as its repeated answers measure it, with a store', () => {
    const folder = tempFolder({ 'p.prog': program });
    const text = runCli(['test', 'p.prog', '--interpreter', 'sim:medium', '--store', 'store.sqlite'], { cwd: folder });
    expect(text.stderr).toBe('');
    const json = runCli(
      ['test', 'p.prog', '--interpreter', 'sim:medium', '--store', 'store.sqlite', '--reporter', 'json'],
      { cwd: folder },
    );
    const report = jsonReportSchema.parse(JSON.parse(json.stdout));
    const run = report.programs[0];
    if (!run) throw new Error('no program in the report');
    expect(run.cacheHits).toBe(32);
    const [judge] = run.judges ?? [];
    // The same figure, recomputed from the verdicts the JSON report holds.
    const cases = run.cases.map((caseReport) => {
      const scored = caseReport.samples.filter((sample) => sample.score.status === 'scored');
      return {
        scores: scored.map((sample) => sample.score.value ?? 0),
        judgeVariances: scored.map((sample) => sampleJudgeVariance(judgeVerdictsIn(sample.score as Score))),
      };
    });
    const components = judgeVarianceComponents(cases);
    // The simulated judge changes its mind at this seed: its noise is measured (0.44 of the variance).
    if (components === undefined) throw new Error('the judge was never measured');
    expect(components.judgeShare).toBeGreaterThan(0);
    expect(judge?.varianceShare).toBeCloseTo(components.judgeShare, 10);
    expect(text.stdout).toMatch(/its noise is \d+% of the variance of mean_score, inside its interval/);
    // The interval of the mean score carries at least the judge's part.
    const interval = run.intervals.mean_score;
    expect((interval?.standardError ?? 0) ** 2).toBeGreaterThanOrEqual(components.ofMean.judge * (1 - 1e-12));
  });
});
