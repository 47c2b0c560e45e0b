import { relative } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Shard } from '../engine/shard.js';
import { createConsoleReporter } from '../report/console-reporter.js';
import { createReporter } from '../report/create-reporter.js';
import { createProgressReporter } from '../report/progress-reporter.js';
import { baselineFileFor } from '../runner/baseline-file.js';
import { defaultProgramPaths } from '../runner/discover-programs.js';
import type { Reporter } from '../runner/reporter.js';
import { resumeCommandLine } from '../runner/resume-command-line.js';
import { type RunSuiteOptions, runSuite } from '../runner/run-suite.js';
import { describeSuiteOptionProblem, type SuiteOptionNaming } from '../runner/suite-option-problem.js';
import { SuiteOptionsError } from '../runner/suite-options-error.js';
import { exitCodeFor } from '../runner/suite-result.js';
import { watchSuite } from '../runner/watch-suite.js';
import type { RunRecord } from '../store/store-types.js';
import { redactSecrets } from '../util/redact-secrets.js';
import { budgetStop } from './budget-stop.js';
import type { CommandIo } from './command-io.js';
import { describeTime } from './describe-time.js';
import { planReporters } from './reporter-plan.js';
import { toolVersion } from './tool-version.js';

/** The suite options as `informal test` spells them, for the runner's refusals. */
const flagOf: SuiteOptionNaming = (option) => {
  switch (option) {
    case 'adaptive':
      return '--adaptive';
    case 'shard':
      return '--shard';
    case 'resume':
      return '--resume';
    case 'readCache':
      return '--no-cache';
    case 'watch':
      return '--watch';
    case 'seed':
      return '--seed';
    case 'concurrency':
      return '--concurrency';
    case 'targetWidth':
      return '--target-width';
    case 'budget':
      return '--budget';
    case 'maxCost':
      return '--max-cost';
    case 'sequential':
      return '--sequential';
    case 'errorRate':
      return '--error-rate';
    case 'samples':
      return '--samples';
    default:
      return option satisfies never;
  }
};

/** How long calls in flight may run on after Ctrl-C before they are cancelled. */
const interruptGraceMs = 10_000;

export interface TestCommandOptions {
  readonly seed?: number;
  /** `--interpreter`, repeatable: every program runs on each. */
  readonly interpreter?: readonly string[];
  /** `-t, --filter`: programs or `program/case` names to run. */
  readonly filter?: string;
  readonly bail?: boolean;
  readonly watch?: boolean;
  readonly updateBaseline?: boolean;
  readonly baseUrl?: string;
  /** `--reporter`, repeatable: the reporters' names (`console` when none). */
  readonly reporter: readonly string[];
  /** `--output-file`, repeatable: `name=path`, or a bare path for the one reporter besides console. */
  readonly outputFile?: readonly string[];
  readonly concurrency?: number;
  /** `--samples`: samples per case for every program, in place of `sample N`. */
  readonly samples?: number;
  readonly store?: string;
  readonly config?: string;
  /** Commander's `--no-cache`: false when given. */
  readonly cache: boolean;
  readonly resume?: string;
  readonly shard?: Shard;
  readonly adaptive?: boolean;
  readonly targetWidth: number;
  readonly budget?: number;
  /** `--max-cost`: dollars the run may spend on new calls. */
  readonly maxCost?: number;
  /** `--sequential`: stop each program once its expectations are decided. */
  readonly sequential?: boolean;
  /** `--error-rate`: with `--sequential`, the chance of a wrong decision over a program's expectations. */
  readonly errorRate?: number;
}

/**
 * `informal test [paths…]`: runs the suite and returns the exit code (0 passed, 1 failed, 2 errors or a budget
 * reached, 130 interrupted). The first Ctrl-C stops new samples and lets calls in flight finish for a grace period;
 * the second cancels them. Everything finished is kept, and the report says how to resume.
 *
 * A run stopped by its budget (`--max-cost`, or a program's `budget`) exits 2, not 130: no user interrupted it, so
 * a CI job must not read it as cancelled, and its expectations were not judged, so it neither passed (0) nor
 * failed (1); its verdict is undetermined, like that of a suite whose metrics could not be computed.
 */
export async function testCommand(
  paths: readonly string[],
  options: TestCommandOptions,
  io: CommandIo,
  argv: readonly string[] = [],
): Promise<number> {
  const plan = planReporters(options.reporter, options.outputFile ?? []);
  if (!plan.ok) {
    io.stderr(`error: ${plan.problem}\n`);
    return 2;
  }
  const reporters: Reporter[] = plan.reporters.map((planned) =>
    createReporter(planned.name, {
      write: planned.quiet ? () => {} : io.stdout,
      writeError: io.stderr,
      toolVersion,
      cwd: io.cwd,
      ...(planned.outputFile !== undefined ? { outputFile: planned.outputFile } : {}),
    }),
  );
  if (!plan.reporters.some((planned) => planned.name === 'console' || planned.name === 'verbose')) {
    // Diagnostics go to standard error as text whatever the reporters are.
    reporters.push(createConsoleReporter({ write: () => {}, writeError: io.stderr }));
  }
  if (!plan.documentOnStandardOutput) {
    reporters.push(createProgressReporter({ write: io.stderr, interactive: io.interactive === true }));
  }
  if (options.errorRate !== undefined && !options.sequential) {
    io.stderr('error: --error-rate sets the error rate of --sequential; give both\n');
    return 2;
  }
  if (options.sequential && options.shard !== undefined) {
    io.stderr(
      'note: a shard draws its part of every round up to the cap, since part of a round cannot decide; `informal merge` the shards, then run `informal test --sequential` on the merged store to decide\n',
    );
  }
  const loadedConfig = await loadConfig(io.cwd, options.config);
  if (!loadedConfig.ok) {
    io.stderr(`error: the config ${loadedConfig.error.file} has problems:\n`);
    for (const problem of loadedConfig.error.problems) io.stderr(`  - ${problem}\n`);
    return 2;
  }
  const config = loadedConfig.config;
  const stop = new AbortController();
  const cancel = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const unsubscribe = io.onInterrupt?.(() => {
    if (stop.signal.aborted) {
      cancel.abort(new Error('cancelled by a second interrupt'));
      return;
    }
    stop.abort(new Error('interrupted'));
    io.stderr(
      `\nStopping: no new samples; calls in flight may finish within ${interruptGraceMs / 1000} s (interrupt again to cancel them)\n`,
    );
    graceTimer = setTimeout(() => cancel.abort(new Error('grace period over')), interruptGraceMs);
    graceTimer.unref();
  });
  try {
    const suiteOptions: RunSuiteOptions = {
      paths: paths.length > 0 ? paths : defaultProgramPaths(io.cwd, config.include),
      cwd: io.cwd,
      config,
      reporters,
      argv,
      ...(options.store !== undefined ? { store: options.store } : {}),
      readCache: options.cache,
      stopSignal: stop.signal,
      signal: cancel.signal,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.interpreter?.length ? { interpreters: options.interpreter } : {}),
      ...(options.filter !== undefined ? { filter: options.filter } : {}),
      ...(options.bail ? { bail: true } : {}),
      baseline: {
        file: baselineFileFor(loadedConfig.file, io.cwd),
        ...(options.updateBaseline ? { update: true } : {}),
      },
      ...(options.baseUrl !== undefined ? { baseURL: options.baseUrl } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.samples !== undefined ? { samples: options.samples } : {}),
      ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
      ...(options.resume !== undefined
        ? {
            resume: options.resume,
            onResume: (run: RunRecord, storedSamples: number) =>
              io.stderr(
                `Resuming run ${run.id} (${run.status}, started ${describeTime(run.createdAt)}; ${storedSamples} sample${storedSamples === 1 ? '' : 's'} stored)\n`,
              ),
          }
        : {}),
      ...(options.shard !== undefined ? { shard: options.shard } : {}),
      ...(options.sequential
        ? { sequential: options.errorRate !== undefined ? { errorRate: options.errorRate } : {} }
        : {}),
      ...(options.adaptive
        ? {
            adaptive: {
              targetWidth: options.targetWidth,
              ...(options.budget !== undefined ? { budget: options.budget } : {}),
            },
          }
        : {}),
    };
    if (options.watch) {
      const result = await watchSuite({
        ...suiteOptions,
        stopSignal: stop.signal,
        onIdle: () => io.stderr('\nWatching for changes; Ctrl-C to exit\n'),
        onWatchError: (error) =>
          io.stderr(`warning: a file cannot be watched, so its changes go unseen: ${error.message}\n`),
        onRerun: (changed, programs) => {
          const names = changed.map((file) => relative(io.cwd, file)).join(', ');
          io.stdout(
            `\n${'─'.repeat(72)}\nRe-running ${programs.length} program file${programs.length === 1 ? '' : 's'} after a change to ${names}\n\n`,
          );
        },
      });
      return exitCodeFor(result.status);
    }
    const result = await runSuite(suiteOptions);
    const budget = budgetStop(result, stop.signal.aborted || cancel.signal.aborted);
    if (result.status === 'interrupted' && result.runId) {
      // Masked as in the store: a base URL's password put back in is a smaller cost than one printed to a CI log.
      const masked = argv.map((argument) => redactSecrets(argument));
      io.stderr(
        `${budget ? `${budget}.` : 'Interrupted.'} Finished samples are kept. Resume with:\n  informal ${resumeCommandLine(masked, result.runId)}\n`,
      );
    }
    return budget ? 2 : exitCodeFor(result.status);
  } catch (error) {
    if (!(error instanceof SuiteOptionsError)) throw error;
    for (const problem of error.problems) {
      const { message, hint } = describeSuiteOptionProblem(problem, flagOf);
      io.stderr(`error: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
    }
    return 2;
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    unsubscribe?.();
  }
}
