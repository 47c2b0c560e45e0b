import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeStores } from '../store/merge-stores.js';
import type { CommandIo } from './command-io.js';

/** `informal merge <stores…> --into <store>`: joins stores, and complete sets of shards into single runs. */
export function mergeCommand(sources: readonly string[], into: string, io: CommandIo): number {
  const missing = sources.filter((source) => !existsSync(resolve(io.cwd, source)));
  if (missing.length > 0) {
    io.stderr(
      `error: no such store: ${missing.join(', ')}\n  hint: a store is the .sqlite file a run wrote (--store)\n`,
    );
    return 2;
  }
  const summary = mergeStores(
    resolve(io.cwd, into),
    sources.map((source) => resolve(io.cwd, source)),
  );
  io.stdout(`Merged ${sources.length} stores into ${into}: ${summary.copiedRuns.length} runs copied\n`);
  for (const run of summary.mergedRuns) io.stdout(`  run ${run.id} joins shards ${run.shards.join(', ')}\n`);
  for (const group of summary.incomplete) {
    io.stderr(
      `warning: shards ${group.missing.map((index) => `${index}/${group.count}`).join(', ')} are missing from a set; run them and merge again\n`,
    );
  }
  return 0;
}
