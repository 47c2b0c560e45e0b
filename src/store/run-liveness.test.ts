import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runProcessGone } from './run-liveness.js';
import type { RunRecord } from './store-types.js';

const run = (overrides: Partial<RunRecord>): RunRecord => ({
  id: 'r',
  createdAt: 0,
  updatedAt: 0,
  status: 'running',
  command: { argv: [], cwd: '/' },
  ...overrides,
});

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('runProcessGone', () => {
  it('is true for a running run whose process on this machine has ended', () => {
    expect(runProcessGone(run({ owner: { pid: endedPid(), host: hostname() } }))).toBe(true);
  });

  it('is false while the process is there, for another machine, for runs without an owner, and for ended runs', () => {
    expect(runProcessGone(run({ owner: { pid: process.pid, host: hostname() } }))).toBe(false);
    expect(runProcessGone(run({ owner: { pid: endedPid(), host: `${hostname()}-elsewhere` } }))).toBe(false);
    expect(runProcessGone(run({}))).toBe(false);
    expect(runProcessGone(run({ status: 'interrupted', owner: { pid: endedPid(), host: hostname() } }))).toBe(false);
  });
});
