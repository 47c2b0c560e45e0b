import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqliteStore } from '../store/sqlite-store.js';
import type { CommandIo } from './command-io.js';

/** Opens a store that must exist already (a command that reads runs), or says what to do and returns undefined. */
export function openExistingStore(storePath: string, io: CommandIo): SqliteStore | undefined {
  const path = resolve(io.cwd, storePath);
  if (!existsSync(path)) {
    io.stderr(`error: no store at ${storePath}\n  hint: run \`informal test\` first, or name the store with --store\n`);
    return undefined;
  }
  return new SqliteStore(path);
}
