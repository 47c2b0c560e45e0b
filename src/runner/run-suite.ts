import { dirname, resolve } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import type { InformalConfig } from '../config/informal-config.js';
import type { InterpreterEntry } from '../config/interpreter-entry.js';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import type { RunEvents } from '../contracts/run-events.js';
import { ConcurrencyLimit } from '../engine/concurrency-limit.js';
import type { JudgeInterpreter } from '../engine/judge-runtime.js';
import { RateLimiter } from '../engine/rate-limiter.js';
import { defaultRetryPolicy, type RetryPolicy } from '../engine/retry-policy.js';
import { type RunProgramOptions, runProgram } from '../engine/run-program.js';
import type { Shard } from '../engine/shard.js';
import { hasErrors } from '../lang/diagnostic.js';
import { loadProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import { defaultStorePath, SqliteStore, StoreOpenError } from '../store/sqlite-store.js';
import type { RunRecord } from '../store/store-types.js';
import { getOrCreate } from '../util/get-or-create.js';
import { baselineEntryOf, compareWithBaseline } from './baseline-comparison.js';
import { type Baseline, type BaselineEntry, BaselineFileError, readBaseline, writeBaseline } from './baseline-file.js';
import { compareInterpreters } from './compare-interpreters.js';
import { discoverPrograms } from './discover-programs.js';
import { newRunId } from './new-run-id.js';
import { planRun } from './plan-run.js';
import type { ProgramSummary } from './program-summary.js';
import type { Reporter } from './reporter.js';
import { type AdaptiveOptions, runAdaptive } from './run-adaptive.js';
import { findRunToResume } from './run-to-resume.js';
import { selectPrograms } from './select-programs.js';
import { setUpInterpreter } from './set-up-interpreter.js';
import type { NotRunProgram, SuiteError, SuiteResult, SuiteStatus } from './suite-result.js';
import { summarizeRun } from './summarize-run.js';
import { undeterminedProblems } from './undetermined-programs.js';

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
  /** Overrides every program's base seed. */
  readonly seed?: number;
  /** Calls in flight at once. */
  readonly concurrency?: number;
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

/** Where the suite's store lives. */
function storePathOf(options: RunSuiteOptions): string {
  return resolve(options.cwd, (options.store || undefined) ?? options.config?.store ?? defaultStorePath);
}

function openStore(options: RunSuiteOptions, errors: SuiteError[]): SqliteStore | undefined {
  if (options.store === false) return undefined;
  const path = storePathOf(options);
  try {
    return new SqliteStore(path, options.clock);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    errors.push({ message: error.message, hint: error.hint });
    return undefined;
  }
}

/**
 * Runs a suite as a test runner does: finds the programs, checks all of them before sampling any (so one broken
 * file costs no samples), resolves their interpreters, runs them one after another with the store as cache, and
 * tells the reporters.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const reporters = options.reporters ?? [];
  const errors: SuiteError[] = [];
  let store: SqliteStore | undefined;
  const finish = async (
    result: Omit<SuiteResult, 'startedAt' | 'durationMs' | 'errors' | 'interpreterComparisons'>,
  ): Promise<SuiteResult> => {
    store?.close();
    const interpreterComparisons = compareInterpreters(result.programs);
    const complete = { ...result, interpreterComparisons, errors, startedAt, durationMs: clock() - startedAt };
    for (const reporter of reporters) await reporter.onSuiteEnd?.(complete);
    return complete;
  };

  const discovery = await discoverPrograms(options.paths, options.cwd);
  for (const path of discovery.missing) {
    errors.push({ message: `no such file or folder: ${path}`, hint: 'give a .prog file or a folder that holds some' });
  }
  if (discovery.files.length === 0 && errors.length === 0) {
    errors.push({ message: `no .prog files found in ${options.paths.join(', ')}`, hint: 'program files end in .prog' });
  }
  const loaded = await Promise.all(discovery.files.map((file) => loadProgram(file, options.cwd)));
  const config = options.config ?? {};
  const interpreters = new Map<string, { interpreter: Interpreter; entry: InterpreterEntry }>();
  const requested = options.interpreters?.length
    ? [...new Set(options.interpreters)]
    : options.interpreter !== undefined
      ? [options.interpreter]
      : undefined;
  const interpreterNamesOf = (defaultInterpreter: string | undefined) =>
    requested ?? [defaultInterpreter ?? config.defaultInterpreter ?? defaultInterpreterId];
  // A program with errors stops the suite before any interpreter is set up (no model loads, no network checks).
  const programsValid = !loaded.some((file) => hasErrors(file.diagnostics));
  let programs = programsValid ? loaded.flatMap((file) => (file.program ? [file.program] : [])) : [];
  if (options.filter !== undefined && programsValid) {
    const selected = selectPrograms(programs, options.filter);
    if (selected.length === 0 && programs.length > 0) {
      const names = programs.map((program) => program.name);
      errors.push({
        message: `no program or case matches -t ${JSON.stringify(options.filter)}`,
        hint: `the pattern is a regular expression matched against program names (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) and program/case names`,
      });
    }
    programs = selected;
  }
  let baseline: Baseline | undefined;
  if (options.baseline && programsValid) {
    try {
      baseline = readBaseline(options.baseline.file);
    } catch (error) {
      if (!(error instanceof BaselineFileError)) throw error;
      errors.push({ message: error.message, hint: error.hint });
    }
  }
  for (const program of errors.length === 0 ? programs : []) {
    // The program's interpreters, then those its judges name: all set up (and checked) before any sample.
    const judgeNames = program.judges.flatMap((judge) => (judge.interpreter !== undefined ? [judge.interpreter] : []));
    for (const name of [...interpreterNamesOf(program.defaultInterpreter), ...judgeNames]) {
      if (interpreters.has(name)) continue;
      const resolved = await setUpInterpreter(name, {
        cwd: options.cwd,
        config,
        storePath: storePathOf(options),
        ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
        ...(options.providers ? { providers: options.providers } : {}),
      });
      if (resolved.ok) interpreters.set(name, resolved.value);
      else if (!errors.some((error) => error.message === resolved.error.message)) errors.push(resolved.error);
    }
  }
  if (errors.length === 0 && programsValid) store = openStore(options, errors);
  const plan = planRun(
    programs.map((program) => ({
      program,
      interpreterIds: interpreterNamesOf(program.defaultInterpreter).map(
        (name) => interpreters.get(name)?.interpreter.id ?? name,
      ),
    })),
    {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(config.sampling ? { defaultSettings: config.sampling } : {}),
      ...(options.adaptive ? { adaptive: options.adaptive } : {}),
    },
  );
  let runId = newRunId(startedAt);
  if (options.resume !== undefined && options.store === false) {
    errors.push({ message: 'cannot resume a run without a store', hint: 'give the store the run is in' });
  }
  if (store && options.resume !== undefined && errors.length === 0) {
    const resumed = findRunToResume(
      store,
      options.resume,
      { plan, ...(options.shard ? { shard: options.shard } : {}) },
      options.cwd,
    );
    if (resumed.ok) {
      runId = resumed.run.id;
      options.onResume?.(resumed.run, store.storedSampleCounts().get(runId) ?? 0);
    } else errors.push(resumed.error);
  }
  const closeInterpreters = () =>
    Promise.all([...interpreters.values()].map(({ interpreter }) => interpreter.close?.()));
  if (errors.length > 0 || !programsValid) {
    await closeInterpreters();
    return finish({ status: 'error', loaded, programs: [] });
  }

  store?.startRun({
    id: runId,
    command: { argv: options.argv ?? [], cwd: options.cwd, plan },
    ...(options.shard ? { shard: options.shard } : {}),
  });
  for (const reporter of reporters) await reporter.onSuiteStart?.({ files: discovery.files });
  const limits = new Map<string, { concurrency: ConcurrencyLimit; rate: RateLimiter }>();
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...config.retry, ...options.retry };
  /** The concurrency and rate limits of one interpreter, shared by every run (and judge) on it. */
  const limitsOf = (interpreter: Interpreter, entry: InterpreterEntry, concurrency: number) =>
    getOrCreate(limits, interpreter.id, () => ({
      concurrency: new ConcurrencyLimit(concurrency),
      rate: new RateLimiter({
        ...(entry.requestsPerMinute ? { requestsPerMinute: entry.requestsPerMinute } : {}),
        ...(entry.tokensPerMinute ? { tokensPerMinute: entry.tokensPerMinute } : {}),
      }),
    }));
  const runOne = async (program: Program, name: string): Promise<ProgramSummary> => {
    const { interpreter, entry } = interpreters.get(name) as { interpreter: Interpreter; entry: InterpreterEntry };
    const key = { runId, programName: program.name, interpreterId: interpreter.id };
    const baseSeed = options.seed ?? program.sampling.seed;
    store?.startProgramRun({
      ...key,
      programFile: program.file,
      programHash: program.hash,
      baseSeed,
      samplesPerCase: program.sampling.samples,
      planned: program.cases.length * program.sampling.samples,
    });
    const events = new EventEmitter<RunEvents>();
    for (const reporter of reporters) reporter.onProgramStart?.(program, events);
    const concurrency = options.concurrency ?? entry.concurrency ?? config.concurrency ?? 8;
    const limit = limitsOf(interpreter, entry, concurrency);
    const judgeInterpreters = new Map<string, JudgeInterpreter>();
    for (const judge of program.judges) {
      if (judge.interpreter === undefined) continue;
      const own = interpreters.get(judge.interpreter) as { interpreter: Interpreter; entry: InterpreterEntry };
      const ownLimits = limitsOf(own.interpreter, own.entry, own.entry.concurrency ?? config.concurrency ?? 8);
      judgeInterpreters.set(judge.name, { interpreter: own.interpreter, rateLimiter: ownLimits.rate });
    }
    const runOptions: RunProgramOptions = {
      interpreter,
      events,
      runId,
      seed: baseSeed,
      concurrency,
      sharedLimit: limit.concurrency,
      rateLimiter: limit.rate,
      ...(judgeInterpreters.size > 0 ? { judgeInterpreters } : {}),
      retry,
      ...(config.sampling ? { defaultSettings: config.sampling } : {}),
      ...(store ? { store } : {}),
      ...(options.readCache !== undefined ? { readCache: options.readCache } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      clock,
    };
    const adaptiveRun = options.adaptive ? await runAdaptive(program, runOptions, options.adaptive) : undefined;
    const run = adaptiveRun?.run ?? (await runProgram(program, runOptions));
    store?.endProgramRun(key, run.interrupted ? 'interrupted' : 'complete');
    return {
      ...summarizeRun(program, run, name),
      ...(adaptiveRun ? { adaptive: adaptiveRun.adaptive } : {}),
    };
  };
  const summaries: ProgramSummary[] = [];
  const notRun: NotRunProgram[] = [];
  let interrupted = false;
  let bailed = false;
  const baselineEntries = new Map(
    (baseline?.entries ?? []).map((entry) => [`${entry.program}\u0000${entry.interpreter}`, entry]),
  );
  const complete = new Set(
    loaded.flatMap((file) => (file.program ? [`${file.program.name}\u0000${file.program.cases.length}`] : [])),
  );
  for (const program of programs) {
    for (const name of interpreterNamesOf(program.defaultInterpreter)) {
      if (bailed) {
        notRun.push({ file: program.file, programName: program.name, interpreter: name });
        continue;
      }
      if (interrupted || options.stopSignal?.aborted || options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const summary = await runOne(program, name);
      const entry = options.baseline?.update ? undefined : baselineEntries.get(`${program.name}\u0000${name}`);
      const comparison = entry && summary.status !== 'partial' ? compareWithBaseline(summary, entry) : undefined;
      const compared: ProgramSummary = comparison
        ? {
            ...summary,
            baseline: comparison,
            ...(comparison.status === 'regressed' ? { status: 'failed' as const } : {}),
          }
        : summary;
      summaries.push(compared);
      for (const reporter of reporters) await reporter.onProgramEnd?.(compared);
      if (compared.run.interrupted) interrupted = true;
      if (options.bail && compared.status === 'failed') bailed = true;
    }
    if (interrupted) break;
  }
  let baselineWritten: string | undefined;
  if (options.baseline?.update && !interrupted && !options.shard) {
    // Only programs run whole (every case) replace their entries; the others' entries are kept.
    const written = new Map<string, BaselineEntry>(baselineEntries);
    for (const summary of summaries) {
      if (summary.status === 'partial' || !complete.has(`${summary.programName}\u0000${summary.cases.length}`))
        continue;
      const folder = dirname(options.baseline.file);
      written.set(`${summary.programName}\u0000${summary.interpreter}`, baselineEntryOf(summary, folder, options.cwd));
    }
    writeBaseline(options.baseline.file, { version: 1, entries: [...written.values()] });
    baselineWritten = options.baseline.file;
  }
  await closeInterpreters();
  store?.endRun(runId, interrupted ? 'interrupted' : 'complete');
  const undetermined = interrupted ? [] : summaries.flatMap(undeterminedProblems);
  errors.push(...undetermined);
  const status: SuiteStatus = interrupted
    ? 'interrupted'
    : undetermined.length > 0
      ? 'error'
      : summaries.some((summary) => summary.status === 'failed')
        ? 'failed'
        : 'passed';
  return finish({
    status,
    runId,
    loaded,
    programs: summaries,
    ...(notRun.length > 0 ? { notRun } : {}),
    ...(baselineWritten ? { baselineWritten } : {}),
  });
}
