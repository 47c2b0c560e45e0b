import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** This repository's vitest, to run by its path with Node. */
export const vitestBin = join(repoRoot, 'node_modules/vitest/vitest.mjs');

/**
 * The environment of a vitest child process: this one's, without what the parent vitest sets (a child that saw
 * `VITEST` would take itself for a worker), and with colours off so that output can be matched.
 */
export function vitestEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST',
    ),
  );
  return { ...env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '1' };
}

/** One test in vitest's JSON report. */
export interface JsonAssertion {
  readonly fullName: string;
  readonly ancestorTitles: readonly string[];
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';
  readonly failureMessages: readonly string[];
}

/** One test file in vitest's JSON report. */
export interface JsonTestFile {
  /** The file's absolute path. */
  readonly name: string;
  readonly status: 'passed' | 'failed';
  /** Why the file failed as a whole (it could not be collected), or empty. */
  readonly message: string;
  readonly assertionResults: readonly JsonAssertion[];
}

/** The parts of vitest's JSON report (`--reporter=json`) the tests read. */
export interface JsonReport {
  readonly success: boolean;
  readonly numTotalTests: number;
  readonly numFailedTests: number;
  readonly testResults: readonly JsonTestFile[];
}

/** What a vitest child process left: its exit code, its console output and its JSON report. */
export interface VitestRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Undefined when vitest wrote none (it failed before running tests). */
  readonly report?: JsonReport;
}

/**
 * Runs `vitest run` in `cwd` as a child process with the default and JSON reporters, and reads the JSON report.
 * `command` is how vitest is started: `npx vitest`, as a user types it, or this repository's vitest by its path (for
 * projects outside the repository, where npx would find none). The environment the parent vitest sets is removed.
 */
export function runVitest(cwd: string, options: { npx?: boolean; args?: readonly string[] } = {}): VitestRun {
  const reportFolder = mkdtempSync(join(tmpdir(), 'informal-vitest-report-'));
  const reportFile = join(reportFolder, 'report.json');
  const args = [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...(options.args ?? []),
  ];
  const [command, commandArgs] = options.npx
    ? ['npx', ['--no', 'vitest', ...args]]
    : [process.execPath, [vitestBin, ...args]];
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: vitestEnvironment(),
  });
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
  } catch {
    report = undefined;
  } finally {
    rmSync(reportFolder, { recursive: true, force: true });
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ...(report ? { report } : {}) };
}

/** Every test of a report, by its full name (`capitals > expect pass@1 >= 0.5`). */
export function testsByName(report: JsonReport): Map<string, JsonAssertion> {
  return new Map(
    report.testResults.flatMap((file) =>
      file.assertionResults.map((assertion) => [[...assertion.ancestorTitles, assertion.title].join(' > '), assertion]),
    ),
  );
}
