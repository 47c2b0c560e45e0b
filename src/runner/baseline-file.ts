import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** The baseline file's name, next to the config or in the current folder. */
export const baselineFileName = 'informal.baseline.json';

/** Where the baseline file of a project is: beside its config file when it has one, else in `cwd`. */
export function baselineFileFor(configFile: string | undefined, cwd: string): string {
  return join(configFile ? dirname(configFile) : cwd, baselineFileName);
}

/** The version of the baseline file's shape. Raised whenever a field changes meaning or goes away. */
export const baselineVersion = 1;

/** One case's counts in a baseline: what a paired comparison over cases needs. */
export interface BaselineCase {
  /** Scored samples. */
  readonly n: number;
  /** Successes among them. */
  readonly c: number;
  /** Samples that ended in errors. */
  readonly errors: number;
  /** Samples drawn in all: scored, unscored and failed. */
  readonly drawn: number;
  /** The mean of the scored samples' scores; null when none was scored. */
  readonly meanScore: number | null;
}

/** One program on one interpreter, as the baseline recorded it. */
export interface BaselineEntry {
  /** The program's name. */
  readonly program: string;
  /** The interpreter as the suite named it: an alias from the config, or an id. */
  readonly interpreter: string;
  /** The interpreter's id behind that name when the baseline was written. */
  readonly interpreterId: string;
  /** The program file, relative to the baseline's folder, with `/` separators. */
  readonly file: string;
  /** The program's hash (what an interpreter sees), to tell whether the program changed since. */
  readonly programHash: string;
  readonly samplesPerCase: number;
  /** Samples drawn in all, errors included. */
  readonly samples: number;
  /** Each metric the run reported, rounded to 6 decimals; null where it was undefined. */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Per case, by id. */
  readonly cases: Readonly<Record<string, BaselineCase>>;
}

/** The committed baseline: the runs later runs are compared with. */
export interface Baseline {
  readonly version: typeof baselineVersion;
  /** Sorted by program, then interpreter. */
  readonly entries: readonly BaselineEntry[];
}

const baselineSchema = z.object({
  version: z.literal(baselineVersion),
  entries: z.array(
    z.object({
      program: z.string(),
      interpreter: z.string(),
      interpreterId: z.string(),
      file: z.string(),
      programHash: z.string(),
      samplesPerCase: z.number().int().nonnegative(),
      samples: z.number().int().nonnegative(),
      metrics: z.record(z.string(), z.number().nullable()),
      cases: z.record(
        z.string(),
        z.object({
          n: z.number().int().nonnegative(),
          c: z.number().int().nonnegative(),
          errors: z.number().int().nonnegative(),
          drawn: z.number().int().nonnegative(),
          meanScore: z.number().nullable(),
        }),
      ),
    }),
  ),
});

/** A baseline file that cannot be used, with the fix. */
export class BaselineFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`the baseline ${file} cannot be read: ${reason}`);
    this.name = 'BaselineFileError';
  }
}

/** Reads a baseline file; undefined when there is none. Throws a `BaselineFileError` for a file that is not one. */
export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineFileError(file, (error as Error).message, 'check the file permissions');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineFileError(file, `not JSON (${(error as Error).message})`, 'rewrite it with --update-baseline');
  }
  if (typeof data === 'object' && data !== null && 'version' in data && data.version !== baselineVersion) {
    throw new BaselineFileError(
      file,
      `version ${String(data.version)}, and this informal reads version ${baselineVersion}`,
      'rewrite it with --update-baseline',
    );
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BaselineFileError(
      file,
      `${issue?.path.join('.') || '(the file)'}: ${issue?.message ?? 'invalid'}`,
      'rewrite it with --update-baseline',
    );
  }
  return parsed.data as Baseline;
}

const byKey = <T>(record: Readonly<Record<string, T>>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The baseline as text: entries and keys sorted, two-space indents, a final newline, so that diffs stay small. */
export function formatBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries]
    .sort((a, b) =>
      a.program === b.program
        ? a.interpreter < b.interpreter
          ? -1
          : a.interpreter > b.interpreter
            ? 1
            : 0
        : a.program < b.program
          ? -1
          : 1,
    )
    .map((entry) => ({
      program: entry.program,
      interpreter: entry.interpreter,
      interpreterId: entry.interpreterId,
      file: entry.file,
      programHash: entry.programHash,
      samplesPerCase: entry.samplesPerCase,
      samples: entry.samples,
      metrics: byKey(entry.metrics),
      cases: byKey(
        Object.fromEntries(
          Object.entries(entry.cases).map(([id, counts]) => [
            id,
            { n: counts.n, c: counts.c, errors: counts.errors, drawn: counts.drawn, meanScore: counts.meanScore },
          ]),
        ),
      ),
    }));
  return `${JSON.stringify({ version: baselineVersion, entries }, null, 2)}\n`;
}

/** Writes a baseline file. */
export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, formatBaseline(baseline));
}
