import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations, schemaVersion } from './migrations.js';
import { StoreDamagedError, StoreOpenError, StoreVersionError, storeFailure } from './store-open-error.js';
import { configureConnection } from './write-batch.js';

/**
 * How a store file is opened: `write` creates it when absent and upgrades it to this schema; `read` opens an
 * existing file read-only (SQLite refuses every write with SQLITE_READONLY), so that a file one may not write can
 * still be read. A file of an older schema is upgraded first, which needs write access once.
 */
export type StoreAccess = 'write' | 'read';

/** Opens the store file at `path`; a file that cannot be opened throws a `StoreOpenError` with a hint. */
export function openStoreDatabase(path: string, access: StoreAccess): Database.Database {
  switch (access) {
    case 'write':
      return openForWriting(path);
    case 'read':
      return openForReading(path);
    default:
      return access satisfies never;
  }
}

function openForWriting(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let database: Database.Database | undefined;
  try {
    database = new Database(path);
    configureConnection(database);
    checkIntact(path, database);
    migrate(path, database);
    return database;
  } catch (error) {
    database?.close();
    const failure = storeFailure(path, error);
    if (failure) throw failure;
    throw new StoreOpenError(
      path,
      `cannot open the store ${path}: ${(error as Error).message}`,
      'give a writable SQLite file (or a new path) with --store',
      { cause: error },
    );
  }
}

function openForReading(path: string): Database.Database {
  let database: Database.Database | undefined;
  try {
    database = readOnly(path);
    const version = database.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion) throw new StoreVersionError(path, version);
    if (version < schemaVersion) {
      // Written by an older informal: upgraded as a writing open would, then read like any other.
      database.close();
      database = undefined;
      upgrade(path, version);
      database = readOnly(path);
    }
    return database;
  } catch (error) {
    database?.close();
    if (error instanceof StoreOpenError) throw error;
    const failure = storeFailure(path, error);
    if (failure instanceof StoreDamagedError) throw failure;
    if ((error as { code?: unknown }).code === 'SQLITE_READONLY_DIRECTORY') {
      // A store in WAL mode is read through an index file beside it (`-shm`), which a reader must create.
      throw new StoreOpenError(
        path,
        `cannot read the store ${path}: reading it needs the index file ${path}-shm, which cannot be created in its folder`,
        'make the folder writable, or copy the store into a writable folder and read the copy',
        { cause: error },
      );
    }
    throw new StoreOpenError(
      path,
      `cannot open the store ${path}: ${(error as Error).message}`,
      'give a readable SQLite file with --store',
      { cause: error },
    );
  }
}

/**
 * The largest store checked for damage before it is written (`PRAGMA quick_check` reads the whole file, about 3 ms a
 * megabyte): a smaller damaged store is never written into. Damage in a larger one is found where it is read or
 * written, and stops every write from then on.
 */
const checkedBytes = 64 * 1024 * 1024;

/** Refuses a store SQLite finds damaged, before anything is written into it. */
function checkIntact(path: string, database: Database.Database): void {
  if (path === ':memory:' || !existsSync(path) || statSync(path).size > checkedBytes) return;
  const problems = database.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[];
  const found = problems.map((row) => row.quick_check).filter((line) => line !== 'ok');
  if (found.length > 0) throw new StoreDamagedError(path, found.join('; '));
}

function readOnly(path: string): Database.Database {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  database.pragma('busy_timeout = 5000');
  return database;
}

function upgrade(path: string, version: number): void {
  try {
    openForWriting(path).close();
  } catch (error) {
    if (!(error instanceof StoreOpenError) || error instanceof StoreVersionError) throw error;
    throw new StoreOpenError(
      path,
      `the store ${path} has schema version ${version}, older than this informal's ${schemaVersion}, and cannot be upgraded: ${error.message}`,
      'make the file writable once, so that this informal can upgrade it, or read it with the informal that wrote it',
      { cause: error },
    );
  }
}

/** Takes the file to this schema version, in one transaction; a newer file is refused. */
function migrate(path: string, database: Database.Database): void {
  const current = () => database.pragma('user_version', { simple: true }) as number;
  if (current() === schemaVersion) return;
  // IMMEDIATE takes the write lock before the version is read again, so two processes creating one store at once
  // migrate it one after the other: the second finds it done.
  database
    .transaction(() => {
      const version = current();
      if (version > schemaVersion) throw new StoreVersionError(path, version);
      for (let next = version; next < schemaVersion; next++) database.exec(migrations[next] as string);
      database.pragma(`user_version = ${schemaVersion}`);
    })
    .immediate();
}
