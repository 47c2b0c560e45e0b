import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { exportRunJsonl } from './export-jsonl.js';
import { mergeStores } from './merge-stores.js';
import { schemaVersion } from './migrations.js';
import { SqliteStore, StoreVersionError } from './sqlite-store.js';
import { capitalSample, capitalStep, tempStorePath } from './testing/stored-sample.js';

const tempPath = tempStorePath;
const step = capitalStep;
const record = (index: number, success: boolean) => capitalSample(index, success, 'sim');
const run = { runId: 'r1', programName: 'p', interpreterId: 'sim' };

function startedStore(path = tempPath(), id = 'r1', shard?: { index: number; count: number }) {
  const store = new SqliteStore(path);
  store.startRun({ id, command: { argv: ['test'], cwd: '/' }, ...(shard ? { shard } : {}) });
  store.startProgramRun({
    ...run,
    runId: id,
    programFile: 'p.prog',
    programHash: 'h',
    baseSeed: 0,
    samplesPerCase: 4,
    planned: 4,
  });
  return store;
}

describe('SqliteStore', () => {
  it('caches steps by prompt prefix, before and after a flush, and never returns another prompt', () => {
    const store = startedStore();
    store.saveStep({ key: 'abc.1', interpreterId: 'sim', seed: 1, promptHash: 'ph', messages: step.messages, step });
    store.saveStep({ key: 'abd.1', interpreterId: 'sim', seed: 1, promptHash: 'ph2', messages: step.messages, step });
    expect([...store.lookupSteps('abc').keys()]).toEqual(['abc.1']);
    store.flush();
    const found = store.lookupSteps('abc');
    expect([...found.keys()]).toEqual(['abc.1']);
    expect(found.get('abc.1')).toEqual({
      name: 'main',
      text: 'Paris',
      output: 'Paris',
      finishReason: 'stop',
      latencyMs: 12,
      warnings: [],
    });
    expect(store.lookupSteps('ab').size).toBe(0);
    store.close();
  });

  it('records each sample of a run once: saving it again replaces it', () => {
    const store = startedStore();
    store.saveResult(run, record(0, false), 'abc.100');
    store.saveResult(run, record(1, true), 'abc.101');
    store.saveResult(run, record(0, true), 'abc.100');
    const results = store.results(run);
    expect(results.map((result) => [result.sampleIndex, result.success])).toEqual([
      [0, true],
      [1, true],
    ]);
    store.close();
  });

  it('survives a reopen with its schema version, and refuses a file from a newer version', () => {
    const path = tempPath();
    const store = startedStore(path);
    store.saveResult(run, record(0, true), 'k.1');
    store.close();
    const reopened = new SqliteStore(path);
    expect(reopened.getRun('r1')?.status).toBe('running');
    expect(reopened.results(run)).toHaveLength(1);
    reopened.close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(schemaVersion);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.pragma(`user_version = ${schemaVersion + 1}`);
    raw.close();
    expect(() => new SqliteStore(path)).toThrow(StoreVersionError);
  });

  it('stores the command with the credentials of its options masked, and everything else as typed', () => {
    const path = tempPath();
    const store = new SqliteStore(path);
    const argv = ['test', 'p.prog', '--base-url', 'https://alice:pa55word@proxy.example/v1?api_key=k-123&region=eu'];
    store.startRun({ id: 'r1', command: { argv, cwd: '/work' } });
    const masked = ['test', 'p.prog', '--base-url', 'https://***@proxy.example/v1?api_key=***&region=eu'];
    expect(store.getRun('r1')?.command).toEqual({ argv: masked, cwd: '/work' });
    store.close();
    const raw = new Database(path, { readonly: true });
    const stored = raw.prepare('SELECT command_json FROM runs').pluck().get() as string;
    raw.close();
    expect(stored).not.toMatch(/alice|pa55word|k-123/);
  });

  it('records the process working on a run, and the one that resumes it; v2 stores read without one', () => {
    const path = tempPath();
    const store = new SqliteStore(path);
    store.startRun({ id: 'r1', command: { argv: ['test'], cwd: '/' } });
    expect(store.getRun('r1')?.owner).toEqual({ pid: process.pid, host: hostname() });
    store.endRun('r1', 'interrupted');
    store.close();
    // A resume by another process takes the run over.
    const raw = new Database(path);
    raw.prepare('UPDATE runs SET owner_json = ?').run(JSON.stringify({ pid: 1, host: 'elsewhere' }));
    raw.close();
    const resumed = new SqliteStore(path);
    resumed.startRun({ id: 'r1', command: { argv: ['test'], cwd: '/' } });
    expect(resumed.getRun('r1')?.owner).toEqual({ pid: process.pid, host: hostname() });
    resumed.close();
    // A store of schema v2 gains the column, null for its runs.
    const old = new Database(path);
    old.exec('ALTER TABLE runs DROP COLUMN owner_json; DROP TABLE score_texts');
    old.pragma('user_version = 2');
    old.close();
    const migrated = new SqliteStore(path);
    expect(migrated.getRun('r1')?.owner).toBeUndefined();
    expect(migrated.getRun('r1')?.status).toBe('running');
    migrated.close();
  });

  it('exports a run as JSON Lines with each sample and its step', () => {
    const store = startedStore();
    store.saveStep({ key: 'k.100', interpreterId: 'sim', seed: 100, promptHash: 'ph', messages: step.messages, step });
    store.saveResult(run, record(0, true), 'k.100');
    const lines: string[] = [];
    expect(exportRunJsonl(store, 'r1', (line) => lines.push(line))).toBe(1);
    const exported = JSON.parse(lines[0] as string);
    expect(exported).toMatchObject({
      runId: 'r1',
      program: 'p',
      caseId: 'fr',
      sampleIndex: 0,
      seed: 100,
      success: true,
    });
    expect(exported.step.messages).toEqual(step.messages);
    store.close();
  });

  it('merges complete sets of shards into one run, and reports a set with a missing part', () => {
    const paths = [1, 2, 3].map(() => tempPath());
    paths.forEach((path, position) => {
      const store = startedStore(path, `shard-${position + 1}`, { index: position + 1, count: 3 });
      const key = { ...run, runId: `shard-${position + 1}` };
      store.saveResult(key, record(position, position !== 1), `k.${position}`);
      store.endRun(key.runId, 'complete');
      store.close();
    });
    const target = tempPath();
    const summary = mergeStores(target, paths);
    expect(summary.copiedRuns).toEqual(['shard-1', 'shard-2', 'shard-3']);
    expect(summary.mergedRuns).toHaveLength(1);
    const merged = new SqliteStore(target);
    const mergedId = summary.mergedRuns[0]?.id as string;
    expect(merged.results({ ...run, runId: mergedId }).map((result) => [result.sampleIndex, result.success])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    merged.close();
    const partial = mergeStores(tempPath(), paths.slice(0, 2));
    expect(partial.mergedRuns).toEqual([]);
    expect(partial.incomplete).toEqual([{ count: 3, missing: [3], runs: ['shard-1', 'shard-2'] }]);
  });
});
