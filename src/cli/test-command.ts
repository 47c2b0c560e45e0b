import { createConsoleReporter } from '../report/console-reporter.js';
import { createJsonReporter } from '../report/json-reporter.js';
import type { Reporter } from '../report/reporter.js';
import { runSuite } from '../runner/run-suite.js';
import { exitCodeFor } from '../runner/suite-result.js';
import type { CommandIo } from './command-io.js';
import { toolVersion } from './tool-version.js';

/** The reporters `--reporter` can name. */
export const reporterNames = ['console', 'json'] as const;
export type ReporterName = (typeof reporterNames)[number];

export interface TestCommandOptions {
  readonly seed?: number;
  readonly interpreter?: string;
  readonly reporter: ReporterName;
  readonly concurrency?: number;
}

function createReporter(name: ReporterName, io: CommandIo): Reporter {
  switch (name) {
    case 'console':
      return createConsoleReporter({ write: io.stdout, writeError: io.stderr });
    case 'json':
      return createJsonReporter({ write: io.stdout, toolVersion });
    default:
      return name satisfies never;
  }
}

/** `informal test [paths…]`: runs the suite and returns the exit code (0 passed, 1 failed, 2 errors). */
export async function testCommand(
  paths: readonly string[],
  options: TestCommandOptions,
  io: CommandIo,
): Promise<number> {
  const reporters = [createReporter(options.reporter, io)];
  // In JSON mode standard output holds the document alone, so diagnostics go to standard error as text too.
  if (options.reporter === 'json') {
    reporters.push(createConsoleReporter({ write: () => {}, writeError: io.stderr }));
  }
  const result = await runSuite({
    paths: paths.length > 0 ? paths : ['.'],
    cwd: io.cwd,
    reporters,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.interpreter !== undefined ? { interpreter: options.interpreter } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  return exitCodeFor(result.status);
}
