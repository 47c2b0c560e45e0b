import type { InformalConfig } from '../config/informal-config.js';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import type { RetryPolicy } from '../engine/retry-policy.js';
import type { Shard } from '../engine/shard.js';
import type { RunRecord } from '../store/store-types.js';
import type { Reporter } from './reporter.js';
import type { AdaptiveOptions } from './run-adaptive.js';
import type { SequentialOptions } from './sequential-outcome.js';

/** The interpreter used when neither the command line nor the program names one. */
export const defaultInterpreterId = 'sim';

/** What `informal test` is asked to do. */
export interface RunSuiteOptions {
  /** Files and folders to search for `.prog` files, relative to `cwd`. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** Overrides every program's `model`: an id or one of the config's aliases. */
  readonly interpreter?: string;
  /**
   * Runs every program on each of these interpreters (ids or aliases), side by side in one run; overrides
   * `interpreter` and every program's `model`.
   */
  readonly interpreters?: readonly string[];
  /** Runs only the programs, or the cases (`program/case`), whose name matches this regular expression. */
  readonly filter?: string;
  /** Stops after the first program whose expectations fail; the rest are reported as not run. */
  readonly bail?: boolean;
  /** Compares each program with the baseline file, or, with `update`, writes the file from this run. */
  readonly baseline?: BaselineOptions;
  /** The project's config (`informal.config.ts`), already loaded and checked. */
  readonly config?: InformalConfig;
  /** The endpoint for interpreters that talk to a server. */
  readonly baseURL?: string;
  /** The providers that can be named, the built-in ones by default; the config's `providers` are added to them. */
  readonly providers?: readonly InterpreterProvider[];
  /** Overrides every program's base seed (see `resolveBaseSeed`); a whole number of at least 0. */
  readonly seed?: number;
  /** Calls in flight at once. */
  readonly concurrency?: number;
  /**
   * Samples per case for every program, in place of its `sample N` (with `sequential` or `adaptive`, the cap per
   * case). Seeds and cached samples stay those of the same sample indices, so a larger count draws only the new ones.
   */
  readonly samples?: number;
  /**
   * Dollars the run may spend on new calls (its programs', judges' and simulated users'). Once reached no sample
   * starts; the run ends `interrupted`, and `resume` finishes it (with a budget of its own). Calls of an interpreter
   * without a price count as free.
   */
  readonly maxCost?: number;
  readonly retry?: RetryPolicy;
  /** The SQLite store's path, relative to `cwd` (default: the config's `store`, else `.informal/store.sqlite`); `false` keeps nothing. */
  readonly store?: string | false;
  /** False to ignore cached samples (new ones are still stored). */
  readonly readCache?: boolean;
  /**
   * Continue this run (an id, or `latest` for the latest run not complete): its finished samples are kept, the rest
   * are drawn. A complete run, or one this suite would sample differently, is refused as an error.
   */
  readonly resume?: string;
  /** Told which run is resumed, and how many verified samples it holds, before sampling starts. */
  readonly onResume?: (run: RunRecord, storedSamples: number) => void;
  readonly shard?: Shard;
  /** Spend samples where they narrow the expected metrics' intervals most, instead of `sample N` per case. */
  readonly adaptive?: AdaptiveOptions;
  /**
   * Sample every program in rounds and stop it once each expectation is decided at the error rate (see
   * `runSequential`), `sample N` being the cap; programs with `sequential` in their file do so without it.
   */
  readonly sequential?: SequentialOptions;
  /** The command line, kept with the run so that it can be resumed. */
  readonly argv?: readonly string[];
  readonly reporters?: readonly Reporter[];
  /** When it aborts, no new sample starts; samples in flight finish. */
  readonly stopSignal?: AbortSignal;
  /** When it aborts, calls in flight are cancelled. */
  readonly signal?: AbortSignal;
  readonly clock?: () => number;
}

/** Where the baseline file is and what to do with it. */
export interface BaselineOptions {
  /** The baseline file's absolute path. */
  readonly file: string;
  /** Write the file from this run instead of comparing with it. */
  readonly update?: boolean;
}
