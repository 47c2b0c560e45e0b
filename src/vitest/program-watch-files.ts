import { relative } from 'node:path';
import { findConfigFile } from '../config/load-config.js';
import { loadProgram } from '../program/load-program.js';
import { baselineFileFor } from '../runner/baseline-file.js';

/** Where a `.prog` test file finds what it reads besides itself. */
export interface ProgramWatchOptions {
  /** vitest's root: what the program, the config and the baseline are resolved from. */
  readonly root: string;
  /** The informal config file, relative to `root`; `informal.config.*` in `root` when absent. */
  readonly config?: string;
  /** Whether the suite is compared with the baseline file. */
  readonly baseline: boolean;
}

/**
 * The files whose change changes what a `.prog` test file does, besides the file itself, as absolute paths: every
 * file the program reads (imported programs and verifier modules, prompt files, `cases from` files), the informal
 * config, and the baseline file when the suite is compared with it. Files that do not exist yet are listed too, so
 * that creating one re-runs the suite. A program with errors lists what it could read.
 */
export async function programWatchFiles(file: string, options: ProgramWatchOptions): Promise<string[]> {
  const loaded = await loadProgram(relative(options.root, file), options.root);
  const config = findConfigFile(options.root, options.config);
  return [
    ...new Set([
      ...loaded.dependencies,
      ...(config !== undefined ? [config] : []),
      ...(options.baseline ? [baselineFileFor(config, options.root)] : []),
    ]),
  ].filter((path) => path !== file);
}
