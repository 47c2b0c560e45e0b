import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreDamagedError, StoreWriteError, storeFailure } from './store-open-error.js';

/** The error SQLite throws when `action` runs on a fresh in-memory database set up by `setUp`. */
function sqliteError(setUp: (database: Database.Database) => void, action: (database: Database.Database) => void) {
  const database = new Database(':memory:');
  setUp(database);
  try {
    action(database);
  } catch (error) {
    return error;
  } finally {
    database.close();
  }
  throw new Error('the action did not fail');
}

describe('storeFailure', () => {
  it('names a full database as a full disk, with how to go on', () => {
    const full = sqliteError(
      (database) => {
        database.exec('CREATE TABLE t (v TEXT)');
        database.pragma('max_page_count = 4');
      },
      (database) => {
        for (let index = 0; index < 1000; index++) database.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(500));
      },
    );
    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    const failure = storeFailure('s.sqlite', full);
    expect(failure).toBeInstanceOf(StoreWriteError);
    expect(failure?.message).toBe('cannot write the store s.sqlite: the disk is full');
    expect(failure?.hint).toContain('--resume latest');
  });

  it('names a malformed file as damaged, and leaves a file that is not a database and other failures alone', () => {
    const damaged = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    expect(storeFailure('', damaged)).toBeInstanceOf(StoreDamagedError);
    expect(storeFailure('', damaged)?.message).toBe(
      'the store is damaged: database disk image is malformed (SQLITE_CORRUPT)',
    );
    expect(storeFailure('', damaged)?.hint).toContain('sqlite3 <store> "PRAGMA integrity_check"');
    const notADatabase = Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' });
    expect(storeFailure('s.sqlite', notADatabase)).toBeUndefined();
    const constraint = sqliteError(
      (database) => database.exec('CREATE TABLE t (v TEXT UNIQUE); INSERT INTO t VALUES (1)'),
      (database) => database.exec('INSERT INTO t VALUES (1)'),
    );
    expect(storeFailure('s.sqlite', constraint)).toBeUndefined();
    expect(storeFailure('s.sqlite', new TypeError('x'))).toBeUndefined();
  });
});
