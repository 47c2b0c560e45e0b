import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';
import { latestRunId, resultCount, storedRunStatus } from './support/stored-results.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** One line of error and its hint, with no stack trace. */
function expectRefusal(stderr: string, message: RegExp): void {
  expect(stderr).toMatch(new RegExp(`^error: ${message.source}`, 'm'));
  expect(stderr).toMatch(/\n {2}hint: /);
  expect(stderr).not.toContain('internal error');
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a damaged store', () => {
  it('is refused by every command with how to check and save it, and is never written into', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 30, 4) });
    const first = runCli(['test', 'p.prog', '--interpreter', 'sim', '--store', 's.sqlite'], { cwd: folder });
    expect(first.status, first.stderr).not.toBe(2);
    const store = join(folder, 's.sqlite');
    // Every page after the first (which names the tables) is overwritten, as a failing disk might.
    const bytes = readFileSync(store);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length).toBeGreaterThan(3 * pageSize);
    for (let offset = pageSize; offset < bytes.length; offset++) bytes[offset] = (offset * 7919) % 251;
    writeFileSync(store, bytes);
    const before = fileHash(store);

    const again = runCli(['test', 'p.prog', '--interpreter', 'sim', '--store', 's.sqlite'], { cwd: folder });
    expect(again.status).toBe(2);
    expectRefusal(again.stderr, /the store \S*s\.sqlite is damaged: /);
    expect(again.stderr).toContain('PRAGMA integrity_check');
    expect(again.stderr).toContain('.recover');
    for (const args of [['runs'], ['report', 'latest', '--html', 'r.html'], ['export', 'latest']]) {
      const read = runCli([...args, '--store', 's.sqlite'], { cwd: folder });
      expect(read.status, args.join(' ')).toBe(2);
      expectRefusal(read.stderr, /the store\b.* is damaged: /);
    }
    expect(fileHash(store)).toBe(before);
  });

  it('whose stored JSON was cut is named damaged where it is read', () => {
    const folder = tempFolder({ 'p.prog': generatedProgram('p', 3, 2) });
    const first = runCli(['test', 'p.prog', '--interpreter', 'sim', '--store', 's.sqlite'], { cwd: folder });
    expect(first.status, first.stderr).not.toBe(2);
    const store = join(folder, 's.sqlite');
    const database = new Database(store);
    database.prepare(`UPDATE results SET score_json = '{"value": 0.5, "expla'`).run();
    database.close();
    const report = runCli(['report', 'latest', '--html', 'r.html', '--store', 's.sqlite'], { cwd: folder });
    expect(report.status).toBe(2);
    expectRefusal(report.stderr, /the store \S*s\.sqlite is damaged: a stored score is not JSON/);
  });
});

describe('a store that cannot grow', () => {
  it('stops the run with what happened and how to go on; the samples stored before are kept and the run resumes', () => {
    const folder = tempFolder({ 'big.prog': generatedProgram('big', 150, 20) });
    const store = join(folder, 's.sqlite');
    const args = ['test', 'big.prog', '--interpreter', 'sim', '--store', 's.sqlite'];
    // A file size limit of 512 KiB: the store's files stop growing there (SIGXFSZ ignored, so writes fail instead).
    const limited = spawnSync(
      'bash',
      ['-c', `trap '' XFSZ; ulimit -f 512; exec "$0" "$@"`, process.execPath, `${repoRoot}bin/informal.js`, ...args],
      { cwd: folder, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(limited.status, limited.stderr).toBe(2);
    expectRefusal(limited.stderr, /cannot write the store \S*s\.sqlite: the file system refused a write/);
    expect(limited.stderr).toContain('--resume latest');
    const kept = resultCount(store);
    expect(kept).toBeLessThan(3000);

    const resumed = runCli([...args, '--resume', 'latest'], { cwd: folder });
    expect(resumed.status, resumed.stderr).not.toBe(2);
    expect(resultCount(store)).toBe(3000);
    expect(storedRunStatus(store, latestRunId(store) as string)).toBe('complete');
    expect(statSync(store).size).toBeGreaterThan(512 * 1024);
  });
});
