import { loadConfig } from '../config/load-config.js';
import { baselineFileFor } from '../runner/baseline-file.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { runSuite } from '../runner/run-suite.js';
import { ProgramFileError } from './program-file-error.js';

/** How to run one program file from TypeScript. */
export interface RunProgramFileOptions {
  /**
   * The interpreter: an id such as `sim:large` or `openai:gpt-4o-mini`, or an alias from the config. Given, it runs
   * the program whatever its `model`, as `informal test --interpreter` does. By default the program's `model`, else
   * the config's `defaultInterpreter`, else `sim`.
   */
  readonly interpreter?: string;
  /** Overrides the program's base seed. */
  readonly seed?: number;
  /**
   * The SQLite store, relative to `cwd`: samples already in it are reused, new ones are added. The config's `store`,
   * else `.informal/store.sqlite`, by default; `false` keeps nothing.
   */
  readonly store?: string | false;
  /** Calls in flight at once. */
  readonly concurrency?: number;
  /** The informal config file, relative to `cwd`; `informal.config.*` in `cwd` when absent. */
  readonly config?: string;
  /**
   * Compares the run with `informal.baseline.json` (beside the config file, else in `cwd`) when that file exists and
   * holds the program on this interpreter, as `informal test` does: the summary's `baseline` then holds the
   * comparison, and a significant regression makes its `status` `failed`. False by default.
   */
  readonly baseline?: boolean;
  /** The folder `file`, `store` and `config` are relative to; the working directory by default. */
  readonly cwd?: string;
  /** When it aborts, sampling stops and calls in flight are cancelled; the promise then rejects. */
  readonly signal?: AbortSignal;
}

/**
 * Samples a `.prog` file as `informal test` does (the store as cache, the program's `sample` count per case) and
 * returns its summary: counts and mean score per case, every sample with its trace, and the program's expectations
 * checked. Rejects with a `ProgramFileError` when the program has errors or cannot run as asked (an unknown
 * interpreter, a config with problems), its message holding every diagnostic rendered with file:line:col.
 */
export async function runProgramFile(file: string, options: RunProgramFileOptions = {}): Promise<ProgramSummary> {
  const cwd = options.cwd ?? process.cwd();
  const loadedConfig = await loadConfig(cwd, options.config);
  if (!loadedConfig.ok) {
    const { error } = loadedConfig;
    throw new ProgramFileError(
      file,
      '',
      [],
      error.problems.map((problem) => ({ message: `the config ${error.file}: ${problem}` })),
    );
  }
  const result = await runSuite({
    paths: [file],
    cwd,
    config: loadedConfig.config,
    ...(options.interpreter !== undefined ? { interpreter: options.interpreter } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.store !== undefined ? { store: options.store } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.signal ? { signal: options.signal, stopSignal: options.signal } : {}),
    ...(options.baseline ? { baseline: { file: baselineFileFor(loadedConfig.file, cwd) } } : {}),
  });
  const summary = result.programs[0];
  if (result.status === 'passed' || result.status === 'failed') {
    if (summary && result.programs.length === 1) return summary;
    throw new ProgramFileError(
      file,
      '',
      [],
      [{ message: `${file} holds ${result.programs.length} programs`, hint: 'give runProgramFile one .prog file' }],
    );
  }
  if (result.status === 'interrupted') {
    throw new ProgramFileError(file, '', [], [{ message: `sampling ${file} was stopped before it finished` }]);
  }
  const loaded = result.loaded[0];
  const diagnostics = loaded?.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') ?? [];
  throw new ProgramFileError(file, loaded?.source ?? '', diagnostics, result.errors);
}
