import type { OpenRecordedRuns } from '../contracts/recorded-runs.js';
import { StoreOpenError } from './store-open-error.js';
import { StoreReader } from './store-reader.js';

/** Opens the store at `path` read-only as the runs `replay:` answers from; a file that is no store is an error, as data. */
export const openRecordedRuns: OpenRecordedRuns = (path) => {
  try {
    return { ok: true, runs: new StoreReader(path) };
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    return { ok: false, error: { message: error.message, hint: error.hint } };
  }
};
