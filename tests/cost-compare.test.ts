import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programFolder } from './support/report-programs.js';
import { repoRoot, runCli } from './support/run-cli.js';

/** Runs the quickstart's capitals into `store` on an interpreter; returns the run id. */
function runInto(folder: string, store: string, interpreter: string): string {
  const result = runCli(['test', 'capitals.prog', '--store', store, '--interpreter', interpreter], { cwd: folder });
  expect(result.status, result.stderr).not.toBe(2);
  return /Run +(\S+)/.exec(result.stdout)?.[1] as string;
}

describe('informal compare on cost', () => {
  it('says which interpreter solves the suite cheaper, with the interval of the difference', () => {
    const capitals = readFileSync(join(repoRoot, 'examples/quickstart/capitals.prog'), 'utf8');
    const { folder, store } = programFolder({ 'capitals.prog': capitals });
    const small = runInto(folder, store, 'sim:small');
    const large = runInto(folder, store, 'sim:large');
    const text = runCli(['compare', small, large, '--store', store], { cwd: folder });
    expect(text.status, text.stderr).toBe(0);
    const line = text.stdout.split('\n').find((candidate) => candidate.startsWith('  cost to success:'));
    expect(line).toMatch(
      /^ {2}cost to success: A \$[\d.e-]+, B \$[\d.e-]+ \(B − A [−$\d.e-]+, 95% interval \[[−$\d.e-]+, [−$\d.e-]+\]\): (A solves the suite cheaper, significant|neither is cheaper beyond noise)$/,
    );

    const json = runCli(['compare', small, large, '--store', store, '--json'], { cwd: folder });
    const comparison = JSON.parse(json.stdout).programs[0].costToSuccess;
    // sim:large's made-up price is about 17 times sim:small's per token, for the same prompts and answers.
    expect(comparison.b).toBeGreaterThan(comparison.a);
    expect(comparison.difference.lower).toBeLessThanOrEqual(comparison.difference.estimate);
    expect(comparison.difference.estimate).toBeCloseTo(comparison.b - comparison.a, 12);
    expect(line?.endsWith(comparison.significant ? 'A solves the suite cheaper, significant' : 'beyond noise')).toBe(
      true,
    );
  });
});
