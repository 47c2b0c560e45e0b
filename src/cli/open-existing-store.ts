import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveRunId } from '../report/stored-run.js';
import { StoreReader } from '../store/store-reader.js';
import type { CommandIo } from './command-io.js';

/**
 * Opens a store that must exist already, read-only (a command that reads runs: a file it may not write is read all
 * the same), or says what to do and returns undefined.
 */
export function openExistingStore(storePath: string, io: CommandIo): StoreReader | undefined {
  const path = resolve(io.cwd, storePath);
  if (!existsSync(path)) {
    io.stderr(`error: no store at ${storePath}\n  hint: run \`informal test\` first, or name the store with --store\n`);
    return undefined;
  }
  return new StoreReader(path);
}

/**
 * The ids of the runs the user named (`latest` or an id), each once, in order; or, when one names no run, says so
 * with a hint and returns undefined.
 */
export function resolveRunIds(store: StoreReader, references: readonly string[], io: CommandIo): string[] | undefined {
  const ids: string[] = [];
  for (const reference of references) {
    const resolved = resolveRunId(store, reference);
    if (!resolved.ok) {
      io.stderr(`error: ${resolved.problem}\n  hint: ${resolved.hint}\n`);
      return undefined;
    }
    if (!ids.includes(resolved.id)) ids.push(resolved.id);
  }
  return ids;
}
