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
