import { exportRunJsonl } from '../store/export-jsonl.js';
import type { CommandIo } from './command-io.js';
import { openExistingStore, resolveRunIds } from './open-existing-store.js';

/**
 * `informal export [run] --store <path>`: a run's samples as JSON Lines on standard output. The run is an id or
 * `latest`, as for `report`, `compare` and `--resume`; the latest run when left out.
 */
export function exportCommand(runId: string | undefined, storePath: string, io: CommandIo): number {
  const store = openExistingStore(storePath, io);
  if (!store) return 2;
  try {
    const [id] = resolveRunIds(store, [runId ?? 'latest'], io) ?? [];
    if (id === undefined) return 2;
    exportRunJsonl(store, id, io.stdout);
    return 0;
  } finally {
    store.close();
  }
}
