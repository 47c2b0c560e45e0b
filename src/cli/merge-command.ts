import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeStores } from '../store/merge-stores.js';
import type { CommandIo } from './command-io.js';

/**
 * `informal merge <stores…> --into <store>`: joins stores, and complete sets of shards into single runs. With
 * `complete`, the exit code is 1 when a set of shards lacks a part or no set is complete (the store is written all
 * the same), so that a batch pipeline stops before reporting a part of the suite as the whole.
 */
export function mergeCommand(
  sources: readonly string[],
  into: string,
  io: CommandIo,
  options: { readonly complete?: boolean } = {},
): number {
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
      `${options.complete ? 'error' : 'warning'}: shards ${group.missing.map((index) => `${index}/${group.count}`).join(', ')} are missing from a set; run them and merge again\n`,
    );
  }
  if (!options.complete) return 0;
  if (summary.mergedRuns.length === 0 && summary.incomplete.length === 0) {
    io.stderr(
      "error: no set of shards is complete: the stores hold no finished shard run (--complete)\n  hint: see each shard's runs with `informal runs --store <shard store>`, resume or run again the unfinished ones, and merge again\n",
    );
    return 2;
  }
  return summary.incomplete.length > 0 ? 2 : 0;
}
