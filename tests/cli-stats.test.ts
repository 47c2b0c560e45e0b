import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const tauBench = join(repoRoot, 'data/tau_bench_gpt4o_airline.csv');

describe('informal stats on the τ-bench data', () => {
  it('shows the published pass^1..4 beside pass@k', () => {
    const result = runCli(['stats', tauBench, '--k', '1,2,3,4']);
    expect(result.status).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^\s+[1-4]\s/.test(line));
    const passHat = rows.map((line) => Number(line.trim().split(/\s+/)[4]));
    expect(passHat.map((value) => value.toFixed(2))).toEqual(['0.42', '0.27', '0.22', '0.20']);
    expect(result.stdout).toContain('0.273');
    const passAt = rows.map((line) => Number(line.trim().split(/\s+/)[1]));
    expect(passAt[0]).toBeCloseTo(0.42, 3);
    expect(passAt[3]).toBeGreaterThan(passAt[0] as number);
  });

  it('marks values beyond the samples drawn as extrapolated, and gives JSON on request', () => {
    const text = runCli(['stats', tauBench, '--k', '1,100']);
    expect(text.stdout).toMatch(/\n\s+100\s+0\.\d{3}\s+\[0\.\d{3}, [01]\.\d{3}\] \*/);
    expect(text.stdout).toContain('extrapolated beyond the samples drawn');
    expect(text.stdout).toMatch(/model: zero-inflated beta-binomial: P\(some cases never solvable\) \d+%/);
    const json = JSON.parse(runCli(['stats', tauBench, '--k', '1,100', '--json']).stdout);
    expect(json.version).toBe(1);
    expect(json.tables[0].table.rows.map((row: { passAtK: { source: string } }) => row.passAtK.source)).toEqual([
      'observed',
      'extrapolated',
    ]);
  });
});

describe('informal stats', () => {
  it('reports one table per model', () => {
    const folder = tempFolder({ 'counts.csv': 'model,problem,n,c\na,1,10,3\na,2,10,0\nb,1,10,9\nb,2,10,10\n' });
    const result = runCli(['stats', 'counts.csv', '--k', '1,5'], { cwd: folder });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('a: 2 cases');
    expect(result.stdout).toContain('b: 2 cases');
  });

  it('names the row and the field of bad data, and exits 2 without a stack trace', () => {
    const folder = tempFolder({ 'bad.csv': 'problem,n,c\n1,10,3\n2,10,11\n', 'cols.csv': 'id,total\n1,2\n' });
    const bad = runCli(['stats', 'bad.csv'], { cwd: folder });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      'bad.csv: row 3 (problem 2): `c` must be a whole number between 0 and n = 10, got "11"',
    );
    const columns = runCli(['stats', 'cols.csv'], { cwd: folder });
    expect(columns.stderr).toContain('missing column `problem`, `n`, `c`');
    const badK = runCli(['stats', 'bad.csv', '--k', '0,x'], { cwd: folder });
    expect(badK.status).toBe(2);
    expect(badK.stderr).toContain('expected whole numbers of at least 1');
    for (const result of [bad, columns, badK]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says a file that is not there is not there, and where it was looked for', () => {
    const folder = tempFolder({});
    const missing = runCli(['stats', 'counts.csv'], { cwd: folder });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `error: cannot read counts.csv: no such file\n  hint: check the path: it is read from ${folder}\n`,
    );
  });
});
