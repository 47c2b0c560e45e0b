import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { mergeStores } from './merge-stores.js';
import { SqliteStore } from './sqlite-store.js';
import { StoreReader } from './store-reader.js';
import { capitalSample, tempStorePath } from './testing/stored-sample.js';

const run = { runId: 'r1', programName: 'p', interpreterId: 'sim' };

/** A store whose run r1 holds `count` results: a repeated score for even indices, a unique one for odd. */
function storeWith(count: number, path = tempStorePath()): string {
  const store = new SqliteStore(path);
  store.startRun({ id: 'r1', command: { argv: ['test'], cwd: '/' } });
  store.startProgramRun({
    ...run,
    programFile: 'p.prog',
    programHash: 'h',
    baseSeed: 0,
    samplesPerCase: count,
    planned: count,
  });
  for (let index = 0; index < count; index++) {
    const sample = capitalSample(index, index % 2 === 0, 'sim');
    const score =
      index % 2 === 0
        ? { ...sample.score, explanation: 'the answer contains "Paris"' }
        : { value: 0, status: 'scored' as const, explanation: `a judge's own words on sample ${index}` };
    store.saveResult(run, { ...sample, score }, `k.${index}`);
  }
  store.close();
  return path;
}

describe('scores stored once', () => {
  it('stores a repeated score once from its second result on, a unique one inline, and reads both back', () => {
    const path = storeWith(10);
    const raw = new Database(path, { readonly: true });
    const stored = raw.prepare('SELECT sample_index, score_json FROM results ORDER BY sample_index').all() as {
      sample_index: number;
      score_json: string;
    }[];
    expect(stored[0]?.score_json.startsWith('{')).toBe(true);
    const references = stored.filter((row) => row.sample_index % 2 === 0).slice(1);
    expect(references.every((row) => /^#[\w-]{22}$/.test(row.score_json))).toBe(true);
    expect(new Set(references.map((row) => row.score_json)).size).toBe(1);
    expect(stored.filter((row) => row.sample_index % 2 === 1).every((row) => row.score_json.startsWith('{'))).toBe(
      true,
    );
    expect(raw.prepare('SELECT COUNT(*) AS count FROM score_texts').get()).toEqual({ count: 1 });
    raw.close();

    const reader = new StoreReader(path);
    const results = reader.results(run);
    expect(results.filter((result) => result.sampleIndex % 2 === 0).map((result) => result.score)).toEqual(
      Array.from({ length: 5 }, () => ({ value: 1, status: 'scored', explanation: 'the answer contains "Paris"' })),
    );
    expect(results[3]?.score).toMatchObject({ explanation: "a judge's own words on sample 3" });
    reader.close();
  });

  it('keeps the scores a merged store refers to', () => {
    const merged = tempStorePath();
    mergeStores(merged, [storeWith(6)]);
    const reader = new StoreReader(merged);
    expect(reader.results(run).map((result) => (result.score as { value: number }).value)).toEqual([1, 0, 1, 0, 1, 0]);
    reader.close();
  });

  it('says the store is damaged when a referred score is missing', () => {
    const path = storeWith(4);
    const raw = new Database(path);
    raw.exec('DELETE FROM score_texts');
    raw.close();
    const reader = new StoreReader(path);
    expect(() => reader.results(run)).toThrow(/is damaged: a result refers to a score that is not stored/);
    reader.close();
  });
});
