import type { CachedStep } from './sample-store.js';

/** A run a store recorded, as far as a reader of recorded answers needs it. */
export interface RecordedRun {
  readonly id: string;
  readonly status: 'running' | 'complete' | 'interrupted';
}

/**
 * The runs a store recorded, opened only to read: what `replay:` answers from. The store implements it, and the
 * runner hands interpreter providers a way to open it (`ProviderOptions.openRecordedRuns`), so that interpreters
 * never import the store, nor know its schema.
 */
export interface RecordedRuns {
  /** Every run, oldest first. */
  listRuns(): readonly RecordedRun[];
  /** The ids of the interpreters a run's programs ran on, sorted, each once. */
  runInterpreters(runId: string): readonly string[];
  /** The step cached under `key` (a key of `cacheKey`'s form); undefined when none was. */
  findStep(key: string): CachedStep | undefined;
  /** Releases the file. */
  close(): void;
}

/** The recorded runs of the store at `path`, or why they cannot be read (not a store, unreadable, too new), with a hint. */
export type OpenRecordedRuns = (
  path: string,
) =>
  | { readonly ok: true; readonly runs: RecordedRuns }
  | { readonly ok: false; readonly error: { readonly message: string; readonly hint: string } };
