import type { Message } from './interpreter-call.js';
import type { SampleRecord } from './program-run.js';
import type { StepTrace } from './trace.js';

/** A step as the cache keeps it: without its messages, which are stored once per prompt. */
export type CachedStep = Omit<StepTrace, 'messages'>;

/**
 * The cache keys of a sample's steps, in trace order: a prompt step's key, or for a step that called a program, that
 * program's step keys. A key whose call failed names no cached step (failed calls are never cached).
 */
export type StepKeys = readonly (string | StepKeys)[];

/** Which program run a result belongs to. */
export interface ProgramRunKey {
  readonly runId: string;
  readonly programName: string;
  readonly interpreterId: string;
}

/**
 * Where the engine keeps samples: a cache of interpreter results by key, and the verified results of each run.
 * The engine sees only this contract; `src/store` implements it on SQLite. Writes may be buffered; `flush` makes
 * them durable.
 */
export interface SampleStore {
  /**
   * Every cached step whose key starts with `prefix` (see `cacheKeyPrefix`: one prompt on one interpreter with one
   * set of settings), by key. One call per case keeps lookups cheap when thousands of samples share a prompt.
   */
  lookupSteps(prefix: string): Map<string, CachedStep>;
  /** Caches a successful interpreter result. Failed calls are never cached, so they are tried again. */
  saveStep(entry: {
    readonly key: string;
    readonly interpreterId: string;
    readonly seed: number;
    readonly promptHash: string;
    readonly messages: readonly Message[];
    readonly step: StepTrace;
  }): void;
  /**
   * Records one verified sample of a run; recording the same sample again replaces it. `key` is the cache key of
   * the final step; `stepKeys`, every step's key for a program of several steps (omitted: the final step alone).
   */
  saveResult(run: ProgramRunKey, record: SampleRecord, key: string, stepKeys?: StepKeys): void;
  /** Makes every buffered write durable. */
  flush(): void;
  /** As `flush`, resolving once durable without blocking the thread meanwhile, where the store can. */
  flushed?(): Promise<void>;
}
