import { schemaVersion } from './migrations.js';

/** A store file that cannot be opened: not a database, unreadable, or not writable. `hint` says what to do. */
export class StoreOpenError extends Error {
  override readonly name: string = 'StoreOpenError';
  constructor(
    readonly path: string,
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A store file written by a newer informal than this one. */
export class StoreVersionError extends StoreOpenError {
  override readonly name = 'StoreVersionError';
  constructor(
    path: string,
    readonly version: number,
  ) {
    super(
      path,
      `the store ${path} has schema version ${version}; this informal reads up to ${schemaVersion}`,
      'upgrade informal, or give another file with --store',
    );
  }
}

/** How to check a damaged store and save what it holds. */
function damagedHint(path: string): string {
  const file = path === '' ? '<store>' : path;
  return (
    `check it with \`sqlite3 ${file} "PRAGMA integrity_check"\`; save what it holds with ` +
    `\`sqlite3 ${file} .recover | sqlite3 recovered.sqlite\`, or give a new file with --store. informal does not write into a damaged store`
  );
}

/** "the store <path>", or "the store" when the path is not known (''). */
function theStore(path: string): string {
  return path === '' ? 'the store' : `the store ${path}`;
}

/** A store file SQLite finds damaged (malformed pages, not a database any more) or whose stored JSON is cut. */
export class StoreDamagedError extends StoreOpenError {
  override readonly name = 'StoreDamagedError';
  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(path, `${theStore(path)} is damaged: ${detail}`, damagedHint(path), options);
  }
}

/**
 * A store that could not be written: the disk is full, or the file may not grow. Samples written before are safe,
 * each whole, so the run can be resumed once there is room.
 */
export class StoreWriteError extends StoreOpenError {
  override readonly name = 'StoreWriteError';
  constructor(path: string, detail: string, options?: { cause?: unknown }) {
    super(
      path,
      `cannot write ${theStore(path)}: ${detail}`,
      'the samples stored before are safe: make room (free disk space, or raise the file size limit), then continue the run with the same command and `--resume latest`',
      options,
    );
  }
}

/**
 * The codes of SQLite errors that mean the file is damaged. A file that is not a database at all
 * (`SQLITE_NOTADB`) is more often the wrong file than a damaged store, and is refused as such where it is opened.
 */
const damagedCodes = /^SQLITE_CORRUPT/;

/**
 * The store error a failure of SQLite on the store at `path` ('' when not known) means, when it is one a user can act on: a damaged file,
 * a full disk, a write the file system refused. Undefined for any other failure.
 */
export function storeFailure(path: string, error: unknown): StoreOpenError | undefined {
  if (error instanceof StoreOpenError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = (error as Error)?.message ?? String(error);
  if (damagedCodes.test(code)) return new StoreDamagedError(path, `${message} (${code})`, { cause: error });
  if (code === 'SQLITE_FULL') return new StoreWriteError(path, 'the disk is full', { cause: error });
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreWriteError(path, `the file system refused a write (${code}: ${message})`, { cause: error });
  }
  return undefined;
}

/** Parses JSON the store holds; text that is not JSON means the file is damaged. */
export function parseStoredJson<T>(path: string, text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new StoreDamagedError(path, `${what} is not JSON (${(error as Error).message})`, { cause: error });
  }
}
