import { documentReporterNames, isReporterName, type ReporterName, reporterNames } from '../report/create-reporter.js';

/** One reporter to create: its name, its file (standard output when absent), and whether it is muted on stdout. */
export interface PlannedReporter {
  readonly name: ReporterName;
  readonly outputFile?: string;
  /**
   * True for a running report (console, verbose) that would share standard output with a document: it writes its
   * diagnostics to standard error but nothing to standard output, so the document stands alone.
   */
  readonly quiet: boolean;
}

/** The reporters of a `test` command, or the problem with the options. */
export type ReporterPlan =
  | {
      readonly ok: true;
      readonly reporters: readonly PlannedReporter[];
      /** True when a document (json, junit, markdown, html) goes to standard output. */
      readonly documentOnStandardOutput: boolean;
    }
  | { readonly ok: false; readonly problem: string };

const allowed = `expected one of ${reporterNames.join(', ')}`;

/**
 * Decides which reporters write where from `--reporter` (repeatable; `console` when none) and `--output-file`
 * (repeatable; `name=path`, or a bare path for the single reporter other than `console`). A reporter named only in
 * `--output-file` is added. At most one document may go to standard output.
 */
export function planReporters(names: readonly string[], outputFiles: readonly string[]): ReporterPlan {
  const chosen: ReporterName[] = [];
  for (const name of names.length > 0 ? names : ['console']) {
    if (!isReporterName(name)) return { ok: false, problem: `unknown reporter \`${name}\`: ${allowed}` };
    if (!chosen.includes(name)) chosen.push(name);
  }
  const files = new Map<ReporterName, string>();
  for (const spec of outputFiles) {
    const named = /^([a-z]+)=(.+)$/.exec(spec);
    if (named) {
      const [, name, path] = named as unknown as [string, string, string];
      if (!isReporterName(name)) {
        return { ok: false, problem: `--output-file ${spec}: unknown reporter \`${name}\`: ${allowed}` };
      }
      if (!chosen.includes(name)) chosen.push(name);
      files.set(name, path);
      continue;
    }
    const others = chosen.filter((name) => name !== 'console');
    if (others.length !== 1) {
      return {
        ok: false,
        problem: `--output-file ${spec}: a bare path needs exactly one reporter besides console, ${others.length === 0 ? 'and there is none' : `and there are ${others.length} (${others.join(', ')})`}; write name=path, such as junit=${spec}`,
      };
    }
    files.set(others[0] as ReporterName, spec);
  }
  const onStandardOutput = chosen.filter((name) => documentReporterNames.includes(name) && !files.has(name));
  if (onStandardOutput.length > 1) {
    return {
      ok: false,
      problem: `${onStandardOutput.join(' and ')} would all write to standard output; give --output-file name=path for all but one`,
    };
  }
  const documentOnStandardOutput = onStandardOutput.length === 1;
  return {
    ok: true,
    documentOnStandardOutput,
    reporters: chosen.map((name) => {
      const outputFile = files.get(name);
      return {
        name,
        ...(outputFile !== undefined ? { outputFile } : {}),
        quiet: documentOnStandardOutput && !documentReporterNames.includes(name) && outputFile === undefined,
      };
    }),
  };
}
