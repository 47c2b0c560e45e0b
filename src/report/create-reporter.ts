import { resolve } from 'node:path';
import type { Reporter, WriteText } from '../runner/reporter.js';
import { createConsoleReporter } from './console-reporter.js';
import { fileWriter } from './file-writer.js';
import { createHtmlReporter } from './html/html-reporter.js';
import { createJsonReporter } from './json-reporter.js';
import { createJunitReporter } from './junit-reporter.js';
import { createMarkdownReporter } from './markdown-reporter.js';
import { createVerboseReporter } from './verbose-reporter.js';

/** The reporters `--reporter` can name. */
export const reporterNames = ['console', 'verbose', 'json', 'junit', 'markdown', 'html'] as const;
export type ReporterName = (typeof reporterNames)[number];

/**
 * Reporters that write one document at the end (rather than a running report): on standard output, such a
 * document must stand alone.
 */
export const documentReporterNames: readonly ReporterName[] = ['json', 'junit', 'markdown', 'html'];

/** True when `name` is one of `reporterNames`. */
export function isReporterName(name: string): name is ReporterName {
  return (reporterNames as readonly string[]).includes(name);
}

export interface CreateReporterOptions {
  /** Where the report goes when there is no `outputFile`: standard output. */
  readonly write: WriteText;
  /** Where diagnostics and problems writing the file go: standard error. */
  readonly writeError: WriteText;
  /** A file to write the report into instead, relative to `cwd`. */
  readonly outputFile?: string;
  /** informal's version, recorded in the JSON and HTML reports. */
  readonly toolVersion: string;
  readonly cwd: string;
}

/** The reporter of a name, writing to standard output or to its file. */
export function createReporter(name: ReporterName, options: CreateReporterOptions): Reporter {
  const write =
    options.outputFile !== undefined
      ? fileWriter(resolve(options.cwd, options.outputFile), (message) => options.writeError(`error: ${message}\n`))
      : options.write;
  switch (name) {
    case 'console':
      return createConsoleReporter({
        write,
        writeError: options.writeError,
        ...(options.outputFile !== undefined ? { colors: false } : {}),
      });
    case 'verbose':
      return createVerboseReporter({
        write,
        writeError: options.writeError,
        ...(options.outputFile !== undefined ? { colors: false } : {}),
      });
    case 'json':
      return createJsonReporter({ write, toolVersion: options.toolVersion });
    case 'junit':
      return createJunitReporter({ write });
    case 'markdown':
      return createMarkdownReporter({ write });
    case 'html':
      return createHtmlReporter({ write, toolVersion: options.toolVersion });
    default:
      return name satisfies never;
  }
}
