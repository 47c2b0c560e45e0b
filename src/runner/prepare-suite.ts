import { resolve } from 'node:path';
import type { InformalConfig } from '../config/informal-config.js';
import type { InterpreterPrice } from '../cost/interpreter-price.js';
import { priceOfInterpreter } from '../cost/price-of-interpreter.js';
import { hasErrors } from '../lang/diagnostic.js';
import { type LoadedProgram, loadProgram } from '../program/load-program.js';
import type { Program } from '../program/program.js';
import type { RunPlan } from '../store/run-plan.js';
import { defaultStorePath, SqliteStore, StoreOpenError } from '../store/sqlite-store.js';
import { type BaselineEntry, BaselineFileError, readBaseline } from './baseline-file.js';
import { checkInterpreterNames } from './check-interpreter-names.js';
import { discoverPrograms } from './discover-programs.js';
import { interpreterNamesOf } from './interpreter-names-of.js';
import { newRunId } from './new-run-id.js';
import { planRun } from './plan-run.js';
import type { RunSuiteOptions } from './run-suite-options.js';
import { findRunToResume } from './run-to-resume.js';
import { selectPrograms } from './select-programs.js';
import { type SetUpInterpreter, setUpInterpreter } from './set-up-interpreter.js';
import type { SuiteError } from './suite-result.js';

/** A program and the interpreters it runs on, as the suite names them (aliases or ids). */
export interface ProgramOnNamedInterpreters {
  readonly program: Program;
  readonly interpreterNames: readonly string[];
}

/** A suite ready to sample: every program checked, every interpreter set up, the store open and the run planned. */
export interface PreparedSuite {
  /** The program files found, for the reporters. */
  readonly files: readonly string[];
  /** Every program file, loaded, with its diagnostics. */
  readonly loaded: readonly LoadedProgram[];
  /** The programs to run (after `filter`), in order, each with its interpreters. */
  readonly runs: readonly ProgramOnNamedInterpreters[];
  /** The interpreters set up, by the name the suite or a judge gave them; closed when the suite ends. */
  readonly interpreters: ReadonlyMap<string, SetUpInterpreter>;
  /** The baseline's entries by `baselineKey`; empty without a baseline file. */
  readonly baselineEntries: ReadonlyMap<string, BaselineEntry>;
  readonly config: InformalConfig;
  /** Absent when the suite keeps nothing. */
  readonly store?: SqliteStore;
  readonly plan: RunPlan;
  /** A new run's id, or the resumed run's. */
  readonly runId: string;
}

/** A suite that cannot run as asked: the problems, and the program files with their diagnostics. */
export interface UnpreparedSuite {
  readonly loaded: readonly LoadedProgram[];
  readonly errors: readonly SuiteError[];
}

/** The key of a program on an interpreter (as the suite named it) in the baseline's entries. */
export function baselineKey(programName: string, interpreterName: string): string {
  return `${programName}\u0000${interpreterName}`;
}

/** The price of every interpreter set up, by the suite's name for it and by its id. */
function pricesOf(interpreters: ReadonlyMap<string, SetUpInterpreter>): Record<string, InterpreterPrice> {
  const prices: Record<string, InterpreterPrice> = {};
  for (const [name, { interpreter, entry }] of interpreters) {
    const price = priceOfInterpreter(interpreter.id, entry.price);
    if (!price) continue;
    prices[name] = price;
    prices[interpreter.id] ??= price;
  }
  return prices;
}

/** Where the suite's store lives. */
function storePathOf(options: RunSuiteOptions): string {
  return resolve(options.cwd, (options.store || undefined) ?? options.config?.store ?? defaultStorePath);
}

function openStore(options: RunSuiteOptions, errors: SuiteError[]): SqliteStore | undefined {
  if (options.store === false) return undefined;
  try {
    return new SqliteStore(storePathOf(options), options.clock);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    errors.push({ message: error.message, hint: error.hint });
    return undefined;
  }
}

/** Finds and loads the program files; a program with errors stops the suite before anything else is set up. */
async function loadPrograms(options: RunSuiteOptions, errors: SuiteError[]) {
  const discovery = await discoverPrograms(options.paths, options.cwd);
  for (const path of discovery.missing) {
    errors.push({ message: `no such file or folder: ${path}`, hint: 'give a .prog file or a folder that holds some' });
  }
  if (discovery.files.length === 0 && errors.length === 0) {
    errors.push({ message: `no .prog files found in ${options.paths.join(', ')}`, hint: 'program files end in .prog' });
  }
  const config = options.config ?? {};
  // Interpreter names a file writes that can never exist (`sim:huge`) are its errors, at their place.
  const loaded = (await Promise.all(discovery.files.map((file) => loadProgram(file, options.cwd)))).map((file) => {
    const names = checkInterpreterNames(file, config, options.providers);
    return names.length > 0 ? { ...file, diagnostics: [...file.diagnostics, ...names] } : file;
  });
  const valid = !loaded.some((file) => hasErrors(file.diagnostics));
  const samples = options.samples;
  const programs = valid
    ? loaded.flatMap((file) =>
        file.program === undefined
          ? []
          : [
              samples === undefined
                ? file.program
                : { ...file.program, sampling: { ...file.program.sampling, samples } },
            ],
      )
    : [];
  if (options.filter === undefined || !valid) return { files: discovery.files, loaded, valid, programs };
  const selected = selectPrograms(programs, options.filter);
  if (selected.length === 0 && programs.length > 0) {
    const names = programs.map((program) => program.name);
    errors.push({
      message: `no program or case matches -t ${JSON.stringify(options.filter)}`,
      hint: `the pattern is a regular expression matched against program names (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) and program/case names`,
    });
  }
  return { files: discovery.files, loaded, valid, programs: selected };
}

/**
 * Sets up every interpreter the programs run on, then those their judges and simulated users name: all checked
 * before any sample.
 */
async function setUpInterpreters(
  runs: readonly ProgramOnNamedInterpreters[],
  options: RunSuiteOptions,
  errors: SuiteError[],
) {
  const interpreters = new Map<string, SetUpInterpreter>();
  for (const { program, interpreterNames } of runs) {
    const judgeNames = program.judges.flatMap((judge) => (judge.interpreter !== undefined ? [judge.interpreter] : []));
    const userName = program.agent?.simulatedUser?.interpreter;
    for (const name of [...interpreterNames, ...judgeNames, ...(userName !== undefined ? [userName] : [])]) {
      if (interpreters.has(name)) continue;
      const resolved = await setUpInterpreter(name, {
        cwd: options.cwd,
        config: options.config ?? {},
        storePath: storePathOf(options),
        ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
        ...(options.providers ? { providers: options.providers } : {}),
      });
      if (resolved.ok) interpreters.set(name, resolved.value);
      else if (!errors.some((error) => error.message === resolved.error.message)) errors.push(resolved.error);
    }
  }
  return interpreters;
}

/** Closes every interpreter the suite set up. */
export async function closeInterpreters(interpreters: ReadonlyMap<string, SetUpInterpreter>): Promise<void> {
  await Promise.all([...interpreters.values()].map(({ interpreter }) => interpreter.close?.()));
}

/**
 * Prepares a suite: finds and loads its programs, checks all of them before sampling any (so one broken file costs
 * no samples), reads the baseline, sets up the interpreters, opens the store, plans the run and finds the run to
 * resume. Every problem found is returned, with nothing left open.
 */
export async function prepareSuite(
  options: RunSuiteOptions,
  startedAt: number,
): Promise<{ readonly ok: true; readonly suite: PreparedSuite } | ({ readonly ok: false } & UnpreparedSuite)> {
  const errors: SuiteError[] = [];
  const config = options.config ?? {};
  const { files, loaded, valid, programs } = await loadPrograms(options, errors);
  const requested = options.interpreters?.length
    ? options.interpreters
    : options.interpreter !== undefined
      ? [options.interpreter]
      : undefined;
  const runs = programs.map((program) => ({
    program,
    interpreterNames: interpreterNamesOf(program, config, requested),
  }));
  let baselineEntries = new Map<string, BaselineEntry>();
  if (options.baseline && valid) {
    try {
      const entries = readBaseline(options.baseline.file)?.entries ?? [];
      baselineEntries = new Map(entries.map((entry) => [baselineKey(entry.program, entry.interpreter), entry]));
    } catch (error) {
      if (!(error instanceof BaselineFileError)) throw error;
      errors.push({ message: error.message, hint: error.hint });
    }
  }
  const interpreters = errors.length === 0 ? await setUpInterpreters(runs, options, errors) : new Map();
  const store = errors.length === 0 && valid ? openStore(options, errors) : undefined;
  const plan = planRun(
    runs.map(({ program, interpreterNames }) => ({
      program,
      interpreterIds: interpreterNames.map((name) => interpreters.get(name)?.interpreter.id ?? name),
    })),
    {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(config.sampling ? { defaultSettings: config.sampling } : {}),
      ...(options.adaptive ? { adaptive: options.adaptive } : {}),
      ...(options.sequential ? { sequential: options.sequential } : {}),
      ...(options.shard ? { sharded: true } : {}),
      prices: pricesOf(interpreters),
    },
  );
  let runId = newRunId(startedAt);
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
  if (errors.length > 0 || !valid) {
    await closeInterpreters(interpreters);
    store?.close();
    return { ok: false, loaded, errors };
  }
  return {
    ok: true,
    suite: { files, loaded, runs, interpreters, baselineEntries, config, plan, runId, ...(store ? { store } : {}) },
  };
}
