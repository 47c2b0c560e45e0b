import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../tests/support/run-cli.js';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { SqliteStore } from './sqlite-store.js';

/** A process that claims run `r` of the store at `path`, says `claimed`, and holds it until its stdin closes. */
async function holdRun(path: string) {
  const script = `const { SqliteStore } = await import(${JSON.stringify(join(repoRoot, 'dist/store/sqlite-store.js'))});
const store = new SqliteStore(${JSON.stringify(path)});
const claim = store.startRun({ id: 'r', command: { argv: [], cwd: '/' } });
store.flush();
process.stdout.write(claim.claimed ? 'claimed\\n' : 'refused\\n');
process.stdin.on('end', () => { store.close(); process.exit(0); });
process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { child, said: line.toString().trim() };
}

describe('claiming a run', () => {
  it('refuses a run another live process of this machine holds, naming it, and claims it once that process is gone', async () => {
    const path = join(tempFolder(), 's.sqlite');
    const holder = await holdRun(path);
    expect(holder.said).toBe('claimed');
    const store = new SqliteStore(path);
    expect(store.startRun({ id: 'r', command: { argv: [], cwd: '/' } })).toEqual({
      claimed: false,
      owner: { pid: holder.child.pid, host: hostname() },
    });
    // A run nobody holds is claimed as before.
    expect(store.startRun({ id: 'other', command: { argv: [], cwd: '/' } })).toEqual({ claimed: true });
    holder.child.stdin.end();
    await once(holder.child, 'exit');
    // The holder ended without marking the run: it still reads `running`, but its process is gone.
    expect(store.startRun({ id: 'r', command: { argv: [], cwd: '/' } })).toEqual({ claimed: true });
    expect(store.listRuns().find((run) => run.id === 'r')?.owner).toEqual({ pid: process.pid, host: hostname() });
    store.close();
  });

  it('of two processes claiming one run at once, exactly one claims it', async () => {
    const path = join(tempFolder(), 's.sqlite');
    new SqliteStore(path).close();
    const holders = await Promise.all(Array.from({ length: 4 }, () => holdRun(path)));
    expect(holders.map((holder) => holder.said).sort()).toEqual(['claimed', 'refused', 'refused', 'refused']);
    for (const holder of holders) holder.child.stdin.end();
    await Promise.all(holders.map((holder) => once(holder.child, 'exit')));
  });
});
