import { exportRunJsonl } from '../store/export-jsonl.js';
import type { CommandIo } from './command-io.js';
import { openExistingStore } from './open-existing-store.js';

/** `informal export [run] --store <path>`: a run's samples as JSON Lines on standard output (the latest run by default). */
export function exportCommand(runId: string | undefined, storePath: string, io: CommandIo): number {
  const store = openExistingStore(storePath, io);
  if (!store) return 2;
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
