import type { ProgramSummary } from '../runner/program-summary.js';
import type { Reporter, WriteText } from '../runner/reporter.js';
import { createConsoleReporter } from './console-reporter.js';
import { representativeSample } from './failing-sample.js';
import { formatMetric } from './format-number.js';
import { excerpt, outputText } from './output-text.js';
import { oneLine, scoreTreeLines } from './score-tree-lines.js';
import { trajectoryLines } from './trajectory-lines.js';

export interface VerboseReporterOptions {
  /** Where the report goes: standard output. */
  readonly write: WriteText;
  /** Where diagnostics go: standard error. */
  readonly writeError: WriteText;
  readonly colors?: boolean;
}

/**
 * One line per case, and for a case with failures its first failing output, that sample's verification tree and, for
 * an agent, its trajectory turn by turn.
 */
export function caseLines(summary: ProgramSummary): string[] {
  const lines = ['  cases:'];
  const width = Math.max(...summary.cases.map((caseSummary) => caseSummary.caseId.length), 4);
  for (const caseSummary of summary.cases) {
    const mark = caseSummary.n > 0 && caseSummary.c === caseSummary.n && caseSummary.errors === 0 ? '✓' : '✗';
    const mean = caseSummary.meanScore === null ? '—' : formatMetric(caseSummary.meanScore);
    lines.push(
      `    ${mark} ${oneLine(caseSummary.caseId).padEnd(width)}  ${caseSummary.c}/${caseSummary.n} passed  mean score ${mean}${caseSummary.errors > 0 ? `  ${caseSummary.errors} errors` : ''}`,
    );
    if (mark === '✓') continue;
    const sample = representativeSample(summary.run.cases.find((run) => run.caseId === caseSummary.caseId));
    if (!sample) continue;
    const failure = sample.trace.steps.find((step) => step.error)?.error?.message;
    lines.push(
      `        sample ${sample.index} (seed ${sample.seed}): «${oneLine(excerpt(outputText(sample.output)))}»`,
      ...(failure ? [`        error: ${oneLine(failure)}`] : []),
      ...scoreTreeLines(sample.score, '          '),
      ...sample.trace.steps.flatMap((step) => (step.agent ? trajectoryLines(step.agent, '        ') : [])),
    );
  }
  return lines;
}

/** The console report with every case: counts, mean score, and a failing sample's output and verification tree. */
export function createVerboseReporter(options: VerboseReporterOptions): Reporter {
  const consoleReporter = createConsoleReporter(options);
  return {
    async onProgramEnd(summary) {
      await consoleReporter.onProgramEnd?.(summary);
      options.write(`${caseLines(summary).join('\n')}\n\n`);
    },
    onSuiteEnd: (result) => consoleReporter.onSuiteEnd?.(result),
  };
}
