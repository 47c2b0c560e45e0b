import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportRunJsonl } from '../store/export-jsonl.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { CommandIo } from './command-io.js';

/** `informal export [run] --store <path>`: a run's samples as JSON Lines on standard output (the latest run by default). */
export function exportCommand(runId: string | undefined, storePath: string, io: CommandIo): number {
  const path = resolve(io.cwd, storePath);
  if (!existsSync(path)) {
    io.stderr(`error: no store at ${storePath}\n  hint: run \`informal test\` first, or name the store with --store\n`);
    return 2;
  }
  const store = new SqliteStore(path);
  try {
    const runs = store.listRuns();
    const id = runId ?? runs.at(-1)?.id;
    if (!id || !runs.some((run) => run.id === id)) {
      const recent = runs.slice(-3).map((run) => run.id);
      io.stderr(
        `error: no run ${runId ?? ''} in ${storePath}\n  hint: ${recent.length ? `recent runs: ${recent.join(', ')}` : 'the store holds no runs'}\n`,
      );
      return 2;
    }
    exportRunJsonl(store, id, io.stdout);
    return 0;
  } finally {
    store.close();
  }
}
