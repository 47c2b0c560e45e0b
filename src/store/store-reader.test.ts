import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from './migrations.js';
import { openRecordedRuns } from './open-recorded-runs.js';
import { SqliteStore } from './sqlite-store.js';
import { StoreOpenError, StoreVersionError } from './store-open-error.js';
import { StoreReader } from './store-reader.js';
import { capitalSample, capitalStep, tempStorePath } from './testing/stored-sample.js';

const tempPath = tempStorePath;
const step = capitalStep;
const key = { runId: 'r1', programName: 'p', interpreterId: 'sim:small' };
const record = (index: number, success: boolean) => capitalSample(index, success, 'sim:small');

/** A store holding run r1 of p on sim:small and sim:large (two samples on small, the second without its step cached), and r2. */
function writtenStore(path = tempPath()): string {
  let clock = 1000;
  const store = new SqliteStore(path, () => clock++);
  store.startRun({ id: 'r1', command: { argv: ['test'], cwd: '/' }, shard: { index: 2, count: 3 } });
  for (const interpreterId of ['sim:small', 'sim:large']) {
    store.startProgramRun({
      ...key,
      interpreterId,
      programFile: 'p.prog',
      programHash: 'h',
      baseSeed: 0,
      samplesPerCase: 2,
      planned: 2,
    });
  }
  store.saveStep({
    key: 'k.2s',
    interpreterId: 'sim:small',
    seed: 100,
    promptHash: 'ph',
    messages: step.messages,
    step,
  });
  store.saveResult(key, record(0, true), 'k.2s');
  store.saveResult(key, record(1, false), 'k.2t');
  store.endProgramRun(key, 'complete');
  store.endRun('r1', 'complete');
  store.startRun({ id: 'r2', command: { argv: ['test'], cwd: '/' } });
  store.close();
  return path;
}

/** A reader that tries to write through its own connection, as nothing in informal does. */
class WritingReader extends StoreReader {
  deleteRuns(): void {
    this.connection.prepare('DELETE FROM runs').run();
  }
}

describe('StoreReader', () => {
  it('reads runs, program runs, samples with their steps, and cached steps', () => {
    const reader = new StoreReader(writtenStore());
    try {
      expect(reader.listRuns().map((run) => [run.id, run.status])).toEqual([
        ['r1', 'complete'],
        ['r2', 'running'],
      ]);
      expect(reader.getRun('r1')?.shard).toEqual({ index: 2, count: 3 });
      expect(reader.getRun('r3')).toBeUndefined();
      expect(reader.storedSampleCounts()).toEqual(new Map([['r1', 2]]));
      expect(reader.programRuns('r1').map((run) => [run.interpreterId, run.status])).toEqual([
        ['sim:large', 'running'],
        ['sim:small', 'complete'],
      ]);
      expect(reader.runInterpreters('r1')).toEqual(['sim:large', 'sim:small']);
      expect(reader.runInterpreters('r2')).toEqual([]);
      const samples = [...reader.readSamples(key)];
      expect(samples.map((sample) => [sample.sampleIndex, sample.success, sample.complete])).toEqual([
        [0, true, true],
        [1, false, false],
      ]);
      expect(samples[0]?.steps).toEqual([step]);
      expect(samples[0]?.score).toEqual({ value: 1, status: 'scored' });
      expect(samples[1]?.steps).toEqual([]);
      const { messages: _messages, ...cached } = step;
      expect(reader.findStep('k.2s')).toEqual(cached);
      expect(reader.findStep('k.2t')).toBeUndefined();
    } finally {
      reader.close();
    }
  });

  it('opens the file read-only: SQLite refuses writes, and the file is left byte for byte', () => {
    const path = writtenStore();
    const before = readFileSync(path);
    const reader = new WritingReader(path);
    try {
      expect(reader.listRuns()).toHaveLength(2);
      expect(() => reader.deleteRuns()).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
      expect(reader.listRuns()).toHaveLength(2);
    } finally {
      reader.close();
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a missing file without creating it, and a newer store', () => {
    const missing = tempPath();
    expect(() => new StoreReader(missing)).toThrow(StoreOpenError);
    expect(existsSync(missing)).toBe(false);
    const path = writtenStore();
    const raw = new Database(path);
    raw.pragma(`user_version = ${schemaVersion + 1}`);
    raw.close();
    expect(() => new StoreReader(path)).toThrow(StoreVersionError);
  });

  it('upgrades a store of an older schema, then reads it', () => {
    const path = writtenStore();
    const old = new Database(path);
    old.exec('ALTER TABLE runs DROP COLUMN owner_json; DROP TABLE score_texts');
    old.pragma('user_version = 2');
    old.close();
    const reader = new StoreReader(path);
    try {
      expect(reader.getRun('r1')?.owner).toBeUndefined();
      expect(reader.getRun('r1')?.status).toBe('complete');
    } finally {
      reader.close();
    }
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(schemaVersion);
    raw.close();
  });

  it('opens recorded runs for replay, and says why a file that is no store cannot be', () => {
    const opened = openRecordedRuns(writtenStore());
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.runs.listRuns().map((run) => run.id)).toEqual(['r1', 'r2']);
      opened.runs.close();
    }
    const notAStore = join(mkdtempSync(join(tmpdir(), 'informal-reader-test-')), 'notes.txt');
    writeFileSync(notAStore, 'not a database, just words\n'.repeat(200));
    const refused = openRecordedRuns(notAStore);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('notes.txt') } });
  });
});
