import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programFolder } from './support/report-programs.js';
import { repoRoot, runCli } from './support/run-cli.js';

/** Runs the quickstart's capitals and arithmetic into `store` on an interpreter; returns the run id. */
function runInto(folder: string, store: string, interpreter: string): string {
  const result = runCli(['test', '.', '--store', store, '--interpreter', interpreter], { cwd: folder });
  expect(result.status).not.toBe(2);
  return /Run +(\S+)/.exec(result.stdout)?.[1] as string;
}

function quickstartCopy() {
  const read = (name: string) => readFileSync(join(repoRoot, 'examples/quickstart', name), 'utf8');
  return programFolder({ 'capitals.prog': read('capitals.prog'), 'arithmetic.prog': read('arithmetic.prog') });
}

/** The report's data, read back from its JSON element. */
function reportData(file: string) {
  const html = readFileSync(file, 'utf8');
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null';
  return JSON.parse(json);
}

describe('informal report', () => {
  it('renders the latest run from the store, with expectations checked again from the program files', () => {
    const { folder, store } = quickstartCopy();
    const runId = runInto(folder, store, 'sim');
    const result = runCli(['report', 'latest', '--store', store, '--html', 'out/report.html'], { cwd: folder });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`Wrote out/report.html: 2 program runs from ${runId}\n`);
    const data = reportData(join(folder, 'out/report.html'));
    expect(data.runIds).toEqual([runId]);
    expect(data.status).toBe('passed');
    const capitals = data.programs.find((program: { name: string }) => program.name === 'capitals');
    expect(capitals.expectations.map((expectation: { text: string }) => expectation.text)).toEqual([
      'pass@1 >= 0.5',
      'pass@10 >= 0.8',
    ]);
    expect(capitals.cases.map((testCase: { id: string }) => testCase.id).slice(0, 3)).toEqual([
      'france',
      'japan',
      'canada',
    ]);
    expect(capitals.cases[0].samples[0].steps[0].messages[1].content).toBe('What is the capital of France?');
    expect(capitals.curve.points[0]).toMatchObject({ k: 1, source: 'observed' });
    expect(capitals.curve.points.at(-1)).toMatchObject({ k: 10_000, source: 'extrapolated' });
    expect(data.notes[0]).toContain('not kept there');
  });

  it('says so when a program file is gone: pass@1 only, expectations unchecked', () => {
    const { folder, store } = quickstartCopy();
    runInto(folder, store, 'sim');
    rmSync(join(folder, 'arithmetic.prog'));
    const result = runCli(['report', '--store', store, '--html', 'r.html'], { cwd: folder });
    expect(result.status).toBe(0);
    const data = reportData(join(folder, 'r.html'));
    const arithmetic = data.programs.find((program: { name: string }) => program.name === 'arithmetic');
    expect(arithmetic.status).toBe('unchecked');
    expect(arithmetic.expectations).toEqual([]);
    expect(arithmetic.metrics.map((metric: { name: string }) => metric.name)).toEqual(['pass@1']);
    expect(
      data.notes.some((note: string) => note.includes('arithmetic.prog (program arithmetic) could not be read')),
    ).toBe(true);
  });

  it('exits 2 with a hint for a missing store or an unknown run', () => {
    const { folder, store } = quickstartCopy();
    const missing = runCli(['report', '--store', store, '--html', 'r.html'], { cwd: folder });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error: no store at');
    const runId = runInto(folder, store, 'sim');
    const unknown = runCli(['report', 'nope', '--store', store, '--html', 'r.html'], { cwd: folder });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`error: no run nope in ${store}\n  hint: recent runs: ${runId}, or latest\n`);
    const noFile = runCli(['report', '--store', store], { cwd: folder });
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain("required option '--html <file>' not specified");
  });
});

describe('informal compare', () => {
  it('shows per-program differences paired over cases, significant or noise, and the crossover', () => {
    const { folder, store } = quickstartCopy();
    const medium = runInto(folder, store, 'sim');
    const small = runInto(folder, store, 'sim:small');
    const result = runCli(['compare', medium, small, '--store', store], { cwd: folder });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`A = ${medium}\nB = ${small}\n`);
    expect(result.stdout).toContain('arithmetic on sim (A) and sim:small (B), 6 shared cases');
    expect(result.stdout).toMatch(
      /\n {2}pass@1 +0\.573 +0\.240 +−0\.333 +\[−0\.\d{3}, −0\.\d{3}\] +(?:0\.\d{3}|<0\.001) +B worse, significant/,
    );
    expect(result.stdout).toMatch(/\n {2}pass@10 .* could be noise/);
    expect(result.stdout).toMatch(/crossover: none up to k = 10000; A leads throughout/);

    const same = runCli(['compare', medium, medium, '--store', store, '--json'], { cwd: folder });
    expect(same.status).toBe(0);
    const comparison = JSON.parse(same.stdout);
    expect(comparison).toMatchObject({ version: 1, runA: medium, runB: medium, level: 0.95, onlyInA: [], onlyInB: [] });
    for (const program of comparison.programs) {
      for (const metric of program.metrics) {
        expect(metric.difference.estimate).toBe(0);
        expect(metric.difference.pValue).toBe(1);
        expect(metric.significant).toBe(false);
      }
      expect(program.crossover).toMatchObject({ status: 'none', leader: 'tie' });
    }
  });

  it('says when a program changed between the runs, writes no p of zero, and gives the crossover at --level', () => {
    const { folder, store } = quickstartCopy();
    const before = runInto(folder, store, 'sim');
    const capitals = join(folder, 'capitals.prog');
    writeFileSync(capitals, readFileSync(capitals, 'utf8').replace('What is the capital of', 'Name the capital of'));
    const after = runInto(folder, store, 'sim');
    const result = runCli(['compare', before, after, '--store', store, '--level', '0.8'], { cwd: folder });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'capitals on sim, 8 shared cases\n  the program changed between the runs (its prompts, inputs or settings)',
    );
    expect(result.stdout).toMatch(/arithmetic on sim, 6 shared cases\n {2}suite_k@0\.5 .+\n {2}metric/);
    expect(result.stdout).not.toMatch(/ 0\.000 /);
    const small = runInto(folder, store, 'sim:small');
    const json = JSON.parse(
      runCli(['compare', after, small, '--store', store, '--json', '--level', '0.8'], { cwd: folder }).stdout,
    );
    for (const program of json.programs) expect(program.crossover.level).toBe(0.8);
    const text = runCli(['compare', after, small, '--store', store], { cwd: folder }).stdout;
    expect(text).not.toMatch(/crossover: .*\d\.\d{4,}/);
  });

  it('exits 2 for an unknown run', () => {
    const { folder, store } = quickstartCopy();
    runInto(folder, store, 'sim');
    const result = runCli(['compare', 'latest', 'missing', '--store', store], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error: no run missing in');
  });
});
