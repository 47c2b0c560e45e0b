import { loadConfig } from '../config/load-config.js';
import type { Program } from '../program/program.js';
import { type BaselineEntry, baselineFileFor, readBaseline } from '../runner/baseline-file.js';
import { defaultInterpreterId } from '../runner/run-suite.js';

/**
 * The baseline's entry for a program on an interpreter (as the plugin names it, or the program's default), found
 * as `informal test` finds it: by program name and interpreter name in `informal.baseline.json` beside the config,
 * else in `root`. Undefined when there is none, and when the config or the baseline cannot be read: the run
 * reports those problems in every test of the program.
 */
export async function findBaselineEntry(
  program: Program,
  interpreter: string | undefined,
  options: { readonly root: string; readonly config?: string },
): Promise<BaselineEntry | undefined> {
  const loaded = await loadConfig(options.root, options.config);
  if (!loaded.ok) return undefined;
  const name = interpreter ?? program.defaultInterpreter ?? loaded.config.defaultInterpreter ?? defaultInterpreterId;
  try {
    const baseline = readBaseline(baselineFileFor(loaded.file, options.root));
    return baseline?.entries.find((entry) => entry.program === program.name && entry.interpreter === name);
  } catch {
    return undefined;
  }
}
