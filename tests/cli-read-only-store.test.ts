import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programFolder } from './support/report-programs.js';
import { repoRoot, runCli } from './support/run-cli.js';

describe('the commands that only read a store', { timeout: 120_000 }, () => {
  it('read a store file that is read-only, and leave it byte for byte as it was', () => {
    const { folder, store } = programFolder({
      'capitals.prog': readFileSync(join(repoRoot, 'examples/quickstart/capitals.prog'), 'utf8'),
    });
    const run = runCli(['test', '.', '--store', store, '--interpreter', 'sim'], { cwd: folder });
    expect(run.status, run.stderr).toBe(0);
    // Read-only for its owner; a process running as root may write it all the same, so the bytes are compared too.
    chmodSync(store, 0o444);
    const before = readFileSync(store);
    const runs = runCli(['runs', '--store', store, '--json'], { cwd: folder });
    expect(runs.stderr).toBe('');
    const [listed] = JSON.parse(runs.stdout).runs;
    expect(listed).toMatchObject({ status: 'complete', programs: ['capitals'] });
    const exported = runCli(['export', '--store', store], { cwd: folder });
    expect(exported.stderr).toBe('');
    expect(exported.stdout.trim().split('\n').length).toBe(listed.samplesStored);
    const report = runCli(['report', '--store', store, '--html', 'r.html'], { cwd: folder });
    expect(report.stderr).toBe(`Wrote r.html: 1 program runs from ${listed.id}\n`);
    const compare = runCli(['compare', 'latest', listed.id, '--store', store], { cwd: folder });
    expect(compare.stderr).toBe('');
    expect(compare.stdout).toContain('capitals on sim');
    expect(readFileSync(store).equals(before)).toBe(true);
  });
});
