/**
 * What the plugin hands to each `.prog` test file: plain data, written into the module the plugin makes of the
 * file, so that the test worker runs the program exactly as the plugin was configured.
 */
export interface ProgramSuiteOptions {
  /** The folder programs, the store and the config are resolved from: vitest's `root`. */
  readonly root: string;
  /**
   * The interpreters a program that names no `model` runs on, in the place of the config's `defaultInterpreter`;
   * one `describe` each. Empty: the config's `defaultInterpreter`, else `sim`.
   */
  readonly interpreters: readonly string[];
  /** Overrides every program's base seed. */
  readonly seed?: number;
  /** The SQLite store's path relative to `root`, or `false` to keep nothing; the config's `store` when absent. */
  readonly store?: string | false;
  /** Calls in flight at once per interpreter. */
  readonly concurrency?: number;
  /** The informal config file, relative to `root`; `informal.config.*` in `root` when absent. */
  readonly config?: string;
  /** Compares each program with the baseline file, when there is one, and declares a test per metric compared. */
  readonly baseline: boolean;
  /** How long one program may sample on one interpreter, in milliseconds. */
  readonly timeout: number;
}
