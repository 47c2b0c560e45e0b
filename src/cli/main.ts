import { Command, CommanderError, Option } from 'commander';
import { checkCommand } from './check-command.js';
import type { CommandIo } from './command-io.js';
import { choiceOption, integerOption } from './parse-options.js';
import { type ReporterName, reporterNames, type TestCommandOptions, testCommand } from './test-command.js';
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
    .option('--interpreter <id>', 'interpreter for every program, such as sim:large (overrides `model`)')
    .addOption(
      new Option('--reporter <name>', `how to report: ${reporterNames.join(' or ')}`)
        .default('console')
        .argParser(choiceOption(reporterNames)),
    )
    .option('--concurrency <n>', 'samples in flight at once', integerOption(1))
    .action(async (paths: string[], options: TestCommandOptions & { reporter: ReporterName }) => {
      exitCode = await testCommand(paths, options, io);
    });

  program
    .command('check')
    .description('parse and resolve .prog files without running them; print every diagnostic')
    .argument('[paths...]', '.prog files or folders to search', [])
    .action(async (paths: string[]) => {
      exitCode = await checkCommand(paths, io);
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
    io.stderr(`informal: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
  return exitCode;
}
