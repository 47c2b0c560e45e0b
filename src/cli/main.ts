import { Command, CommanderError, Option } from 'commander';
import type { Shard } from '../engine/shard.js';
import { reporterNames } from '../report/create-reporter.js';
import { baselineFileName } from '../runner/baseline-file.js';
import { defaultStorePath, StoreOpenError } from '../store/sqlite-store.js';
import { storeFailure } from '../store/store-open-error.js';
import { checkCommand } from './check-command.js';
import type { CommandIo } from './command-io.js';
import { type CompareCommandOptions, compareCommand } from './compare-command.js';
import { exportCommand } from './export-command.js';
import { mergeCommand } from './merge-command.js';
import { type MetaEvalCommandOptions, metaEvalCommand } from './meta-eval-command.js';
import {
  choiceOption,
  dollarsOption,
  integerOption,
  kListOption,
  levelOption,
  repeatable,
  shardOption,
  unitOption,
  widthOption,
} from './parse-options.js';
import { type ReportCommandOptions, reportCommand } from './report-command.js';
import { runsCommand } from './runs-command.js';
import { type AutoShard, shardFromEnvironment, withResolvedShard } from './shard-from-environment.js';
import { type StatsCommandOptions, statsCommand } from './stats-command.js';
import { type TestCommandOptions, testCommand } from './test-command.js';
import { toolVersion } from './tool-version.js';

// A reader that stops early (`informal test | head`) closes the pipe; that is no error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const processIo: CommandIo = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true && !process.env.CI,
  env: process.env,
  onInterrupt(listener) {
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
    return () => {
      process.off('SIGINT', listener);
      process.off('SIGTERM', listener);
    };
  },
};

/**
 * The `informal` command. Returns the exit code: 0 when every expectation holds, 1 when one fails, 2 for
 * usage errors and programs with errors.
 */
export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('informal')
    .description('Run prompt programs on stochastic interpreters, verify the samples, and measure pass@k.')
    .version(toolVersion)
    .exitOverride()
    .showHelpAfterError('(run informal --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('test')
    .description('run .prog files as a test suite and check their expectations')
    .argument('[paths...]', '.prog files or folders to search', [])
    .option('--seed <n>', 'base seed for every program (overrides `sample … seed`)', integerOption(0))
    .option(
      '--interpreter <id>',
      'interpreter for every program, such as sim:large (overrides `model`); repeat it to compare several side by side',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '-t, --filter <pattern>',
      'run only the programs, or program/case names, that match this regular expression',
    )
    .option('--bail', 'stop after the first program whose expectations fail; the rest are not run')
    .option('--watch', 're-run the programs whose files change, and those that depend on them, until Ctrl-C')
    .option(
      '--update-baseline',
      `write ${baselineFileName} (next to the config, else here) from this run; without it, runs are compared with it`,
    )
    .addOption(
      new Option('--reporter <name>', `how to report, repeatable: ${reporterNames.join(', ')}`)
        .default([], 'console')
        .argParser(repeatable(choiceOption(reporterNames))),
    )
    .addOption(
      new Option(
        '--output-file <name=path>',
        "write a reporter's report to a file, repeatable: junit=reports/junit.xml, or a bare path for the one reporter besides console",
      )
        .default([], 'none')
        .argParser(repeatable((text: string) => text)),
    )
    .option('--base-url <url>', 'endpoint for openai-compatible: interpreters, such as http://127.0.0.1:8080/v1')
    .option('--concurrency <n>', 'calls in flight at once', integerOption(1))
    .option(
      '--samples <n>',
      'samples per case for every program, in place of `sample N` (with --sequential or --adaptive: the cap)',
      integerOption(1),
    )
    .option('--store <path>', `the SQLite store of runs and cached samples (default: ${defaultStorePath})`)
    .option('--config <path>', 'the config file (default: informal.config.ts in this folder, if present)')
    .option('--no-cache', 'draw every sample anew instead of reusing stored ones (new ones are still stored)')
    .option(
      '--resume <run>',
      'continue a run that did not complete (an id, or latest): keep its finished samples, draw the rest',
    )
    .option(
      '--shard <i/n>',
      'draw only part i of n of the plan, for spreading a suite over machines; auto/n takes i from the batch system',
      shardOption,
    )
    .option(
      '--adaptive',
      "spend samples where they narrow the expected metrics' intervals most; `sample N` caps each case",
    )
    .option('--target-width <w>', 'with --adaptive: stop when every interval is at most this wide', widthOption, 0.1)
    .option('--budget <n>', 'with --adaptive: the most samples per program', integerOption(1))
    .option(
      '--sequential',
      'sample in rounds and stop each program once its expectations are decided (anytime-valid); `sample N` caps each case',
    )
    .option(
      '--error-rate <p>',
      "with --sequential: the chance of a wrong decision over a program's expectations (default: the file's, else 0.05)",
      widthOption,
    )
    .option(
      '--max-cost <dollars>',
      'stop starting samples once the run has spent this much on new calls (resume with --resume)',
      dollarsOption,
    )
    .action(async (paths: string[], given: Omit<TestCommandOptions, 'shard'> & { shard?: Shard | AutoShard }) => {
      const commandLine = ['test', ...argv.slice(argv.indexOf('test') + 1)];
      if (given.shard === undefined || !('auto' in given.shard)) {
        exitCode = await testCommand(paths, given as TestCommandOptions, io, commandLine);
        return;
      }
      const found = shardFromEnvironment(given.shard.count, io.env ?? process.env);
      if (!found.ok) {
        io.stderr(`error: ${found.problem.message}\n  hint: ${found.problem.hint}\n`);
        exitCode = 2;
        return;
      }
      const { shard, source } = found;
      io.stderr(`Shard ${shard.index}/${shard.count}, from ${source.variable}=${source.value}\n`);
      exitCode = await testCommand(paths, { ...given, shard }, io, withResolvedShard(commandLine, shard));
    });

  program
    .command('merge')
    .description('join stores (from shards or machines) into one; complete sets of shards become single runs')
    .argument('<stores...>', 'store files to join')
    .requiredOption('--into <path>', 'the store to write (created when absent)')
    .option('--complete', 'exit 2 when a set of shards lacks a part, or no set of shards is complete')
    .action((stores: string[], options: { into: string; complete?: boolean }) => {
      exitCode = mergeCommand(stores, options.into, io, { complete: options.complete === true });
    });

  program
    .command('export')
    .description("write a run's samples as JSON Lines to standard output")
    .argument('[run]', 'the run id (the latest run when left out)')
    .option('--store <path>', 'the SQLite store', defaultStorePath)
    .action((run: string | undefined, options: { store: string }) => {
      exitCode = exportCommand(run, options.store, io);
    });

  program
    .command('runs')
    .description('list the runs in the store, oldest first: status, start, samples stored, programs and interpreters')
    .option('--store <path>', 'the SQLite store', defaultStorePath)
    .option('--json', 'one JSON document on standard output')
    .action((options: { store: string; json?: boolean }) => {
      exitCode = runsCommand(options.store, io, { json: options.json === true });
    });

  program
    .command('report')
    .description('write the HTML report of runs in the store (the latest by default)')
    .argument('[runs...]', 'run ids, or latest; several runs share one report', [])
    .requiredOption('--html <file>', 'the HTML file to write')
    .option('--store <path>', 'the SQLite store', defaultStorePath)
    .action(async (runs: string[], options: ReportCommandOptions) => {
      exitCode = await reportCommand(runs, options, io);
    });

  program
    .command('compare')
    .description('compare two runs per program: differences paired over cases, with their significance')
    .argument('<runA>', 'the first run id, or latest')
    .argument('<runB>', 'the second run id, or latest')
    .option('--store <path>', 'the SQLite store', defaultStorePath)
    .option('--level <p>', 'the confidence level of the intervals', levelOption, 0.95)
    .option('--json', 'one JSON document on standard output')
    .action(async (runA: string, runB: string, options: CompareCommandOptions) => {
      exitCode = await compareCommand(runA, runB, options, io);
    });

  program
    .command('stats')
    .description('pass@k, pass^k and pass@∞ with intervals from a CSV of per-problem counts (problem,n,c[,model])')
    .argument('<file>', 'the CSV file')
    .option('--k <list>', 'the k to report, comma-separated', kListOption, [1, 10, 100])
    .option('--level <p>', 'the confidence level of the intervals', levelOption, 0.9)
    .option('--json', 'one JSON document on standard output')
    .action((file: string, options: StatsCommandOptions) => {
      exitCode = statsCommand(file, options, io);
    });

  program
    .command('meta-eval')
    .description("check a program's verifier, or one of its judges, against outputs people scored")
    .argument('<program>', 'the .prog file')
    .requiredOption('--labels <file>', 'labelled outputs: JSONL, JSON, CSV or YAML rows with output, label and inputs')
    .option('--judge <name>', 'check this named judge alone (default: the whole verify expression)')
    .option('--interpreter <id>', 'the interpreter of judges that name none (provider:model or a config alias)')
    .option('--base-url <url>', 'the endpoint of an OpenAI-compatible server')
    .option(
      '--threshold <x>',
      "the pass threshold for Cohen's kappa (default: pass when, or 0.5 for a judge)",
      unitOption,
    )
    .option('--store <path>', 'the store caching judge answers (default .informal/store.sqlite)')
    .option('--no-cache', 'ask the judges again instead of reading cached answers')
    .option('--concurrency <n>', 'rows verified at once', integerOption(1))
    .option('--config <file>', 'the config file (default: informal.config.ts in the folder)')
    .option('--json', 'one JSON document on standard output')
    .action(async (file: string, options: MetaEvalCommandOptions) => {
      exitCode = await metaEvalCommand(file, options, io);
    });

  program
    .command('check')
    .description('parse and resolve .prog files without running them; print every diagnostic')
    .argument('[paths...]', '.prog files or folders to search', [])
    .option('--config <file>', 'the config file (default: informal.config.ts in the folder)')
    .action(async (paths: string[], options: { config?: string }) => {
      exitCode = await checkCommand(paths, io, options);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? 0
        : 2;
    }
    if (error instanceof StoreOpenError) {
      io.stderr(`error: ${error.message}\n  hint: ${error.hint}\n`);
      return 2;
    }
    // A store that fails where it is read, outside the store's own checks, is named by what failed.
    const failure = storeFailure('', error);
    if (failure) {
      io.stderr(`error: ${failure.message}\n  hint: ${failure.hint}\n`);
      return 2;
    }
    io.stderr(`informal: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
  return exitCode;
}
