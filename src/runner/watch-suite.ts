import { relative, resolve } from 'node:path';
import { watch } from 'chokidar';
import type { LoadedProgram } from '../program/load-program.js';
import { checkSuiteOptions } from './check-suite-options.js';
import { runSuite } from './run-suite.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import { SuiteOptionsError } from './suite-options-error.js';
import type { SuiteResult } from './suite-result.js';

/** What `informal test --watch` is asked to do: a suite, and where to say what happens between runs. */
export interface WatchSuiteOptions extends RunSuiteOptions {
  /** When it aborts, the run in progress stops and watching ends; required, since watching never ends on its own. */
  readonly stopSignal: AbortSignal;
  /** Told when the suite waits for changes. */
  readonly onIdle?: () => void;
  /** Told before a re-run, with the changed files and the program files to re-run (absolute paths). */
  readonly onRerun?: (changed: readonly string[], programs: readonly string[]) => void;
  /** Told when a file cannot be watched (such as when the system's limit of watches is reached): its changes go unseen. */
  readonly onWatchError?: (error: Error) => void;
  /** Quiet time after a change before re-running, so that a save that touches several files is one re-run. */
  readonly debounceMs?: number;
}

/** The files a loaded program depends on, itself included, as absolute paths. */
function dependenciesOf(file: LoadedProgram, cwd: string): string[] {
  // `dependencies` lists the files a program imports; older loaders do not give it.
  const listed = (file as LoadedProgram & { readonly dependencies?: readonly string[] }).dependencies ?? [];
  return [...new Set([file.file, ...listed].map((path) => resolve(cwd, path)))];
}

/**
 * Runs a suite, then watches its folders and every file its programs depend on; after a change, re-runs the
 * programs whose files changed and those that depend on a changed file (a new `.prog` file runs too), with the
 * store as cache, so that unchanged samples are reused. Ends when `stopSignal` aborts, with the last run's result.
 * Rejects with a `SuiteOptionsError`, before anything runs, for options `runSuite` refuses and for `shard` or
 * `resume`, which a watched suite cannot honour.
 */
export async function watchSuite(options: WatchSuiteOptions): Promise<SuiteResult> {
  const problems = checkSuiteOptions({ ...options, watch: true });
  if (problems.length > 0) throw new SuiteOptionsError(problems);
  let last = await runSuite(options);
  const dependents = new Map<string, Set<string>>();
  // Each program file as the runs name it (as the user wrote its path, absolute or relative), so that a re-run
  // shows it as the first run did.
  const shownAs = new Map<string, string>();
  const record = (loaded: readonly LoadedProgram[]) => {
    for (const file of loaded) {
      const program = resolve(options.cwd, file.file);
      shownAs.set(program, file.file);
      for (const set of dependents.values()) set.delete(program);
      for (const dependency of dependenciesOf(file, options.cwd)) {
        const set = dependents.get(dependency) ?? new Set<string>();
        set.add(program);
        dependents.set(dependency, set);
      }
    }
  };
  record(last.loaded);
  if (options.stopSignal.aborted) return last;

  const roots = options.paths.map((path) => resolve(options.cwd, path));
  const watched = new Set([...roots, ...dependents.keys()]);
  const watcher = watch([...watched], {
    ignoreInitial: true,
    ignored: (path) => /[\\/](node_modules|\.git|\.informal|dist)([\\/]|$)/.test(path),
  });
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const rerun = async () => {
    const files = [...changed];
    changed.clear();
    const programs = new Set<string>();
    for (const file of files) {
      for (const program of dependents.get(file) ?? []) programs.add(program);
      if (file.endsWith('.prog') && roots.some((root) => file === root || file.startsWith(`${root}/`))) {
        programs.add(file);
      }
    }
    if (programs.size === 0) return;
    options.onRerun?.(files, [...programs]);
    last = await runSuite({
      ...options,
      paths: [...programs].map((program) => shownAs.get(program) ?? relative(options.cwd, program)),
    });
    record(last.loaded);
    // Only files not watched yet, and none once stopping: chokidar sets a watch up after `add` returns, so a path
    // added as the watcher closes could leave a watch open and the process running.
    const added = [...dependents.keys()].filter((path) => !watched.has(path));
    if (options.stopSignal.aborted) return;
    for (const path of added) watched.add(path);
    if (added.length > 0) watcher.add(added);
    options.onIdle?.();
  };

  const onChange = (path: string) => {
    changed.add(resolve(options.cwd, path));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      // Changes during a run wait for it to end, then run together.
      running = (running ?? Promise.resolve()).then(rerun, rerun);
    }, options.debounceMs ?? 150);
  };
  watcher
    .on('change', onChange)
    .on('add', onChange)
    .on('error', (error) => options.onWatchError?.(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  options.onIdle?.();

  await new Promise<void>((stopped) => {
    // A stop that came while the watcher started (Ctrl-C during the first run's end) has already fired.
    if (options.stopSignal.aborted) stopped();
    else options.stopSignal.addEventListener('abort', () => stopped(), { once: true });
  });
  if (timer) clearTimeout(timer);
  await running;
  await watcher.close();
  return last;
}
