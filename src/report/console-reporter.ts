import pc from 'picocolors';
import type { SamplingSettings } from '../contracts/interpreter-call.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import type { InterpreterComparison } from '../runner/compare-interpreters.js';
import type { ProgramStatus, ProgramSummary } from '../runner/program-summary.js';
import type { Reporter, WriteText } from '../runner/reporter.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { metricName as metricLabel } from '../stats/metric-value.js';
import { plural } from '../util/plural.js';
import { describeAgentFigures } from './describe-agent-figures.js';
import { describeJudge } from './describe-judge.js';
import { describeBudget, describeRunSpend } from './describe-run-spend.js';
import { describeSequentialDecision, describeSequentialRun, expectationOutcome } from './describe-sequential.js';
import {
  describeChange,
  describeComparison,
  describeCostToSuccess,
  describeFailure,
  describeInterpreterComparison,
} from './describe-significance.js';
import { describeDollarInterval, describeOtherCalls, describeProgramSpend } from './describe-spend.js';
import { describeSuiteKComparison, describeSuiteKMean } from './describe-suite-k.js';
import { formatMetricInterval, formatMetricValue } from './format-metric-value.js';
import { formatDollars, formatDuration, formatMetric } from './format-number.js';
import { sparkline } from './sparkline.js';

/** Sampling settings as a short phrase, such as `temperature 0.7 · top_p 0.9 · `; empty when all are defaults. */
function describeSettings(settings: SamplingSettings): string {
  const parts = [
    settings.temperature !== undefined ? `temperature ${settings.temperature}` : '',
    settings.topP !== undefined ? `top_p ${settings.topP}` : '',
    settings.maxTokens !== undefined ? `max_tokens ${settings.maxTokens}` : '',
  ].filter((part) => part !== '');
  return parts.map((part) => `${part} · `).join('');
}

/** The summary's baseline lines: regressions and improvements counted, or where the baseline was written. */
function baselineLines(result: SuiteResult): string[] {
  if (result.baselineWritten) return [`Baseline      written to ${result.baselineWritten}`];
  const compared = result.programs.flatMap((summary) => (summary.baseline ? [summary.baseline] : []));
  if (compared.length === 0) return [];
  const regressed = compared.filter((comparison) => comparison.status === 'regressed').length;
  const improved = compared.filter((comparison) => comparison.status === 'improved').length;
  return [`Baseline      ${regressed} regressed | ${improved} improved (${compared.length} compared)`];
}

export interface ConsoleReporterOptions {
  /** Where the report goes: standard output. */
  readonly write: WriteText;
  /** Where diagnostics go: standard error. */
  readonly writeError: WriteText;
  /** Colours on or off; picocolors' detection when left out. */
  readonly colors?: boolean;
}

/**
 * The default reporter: per program and interpreter, its cases and samples, a table of metrics with their 95%
 * intervals (cost, token and latency metrics in their units) and a pass@k curve, what its run spent (tokens,
 * dollars with the price's source, cost per success, latency; a simulated user's and judges' calls apart), each
 * expectation met or not (a failure says whether it is significant or could be noise), and the changes against the
 * baseline. A program run on several interpreters ends with a table that sets them side by side, cost per success
 * included. The summary ends with the run's tokens and dollars and, with a budget, what it spent of it.
 */
export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const color = pc.createColors(options.colors ?? pc.isColorSupported);
  const { write } = options;

  const programBlock = (summary: ProgramSummary): string => {
    const { run } = summary;
    const mark = {
      passed: color.green('✓'),
      failed: color.red('✗'),
      undetermined: color.yellow('?'),
      partial: color.yellow('◐'),
    }[summary.status];
    const lines = [
      `${mark} ${color.bold(summary.programName)} ${color.dim(summary.file)}`,
      color.dim(
        `  ${plural(summary.cases.length, 'case')} × ${plural(run.samplesPerCase, 'sample')} on ${run.interpreterId} · ${run.interpreterDescription} · ${describeSettings(run.settings)}seed ${run.baseSeed}`,
      ),
    ];
    const judgesCalls = describeOtherCalls(summary.spend.judges);
    const userCalls = describeOtherCalls(summary.spend.user);
    // suite_k's longer name stays out of the column: the other figures keep their alignment.
    const width = Math.max(
      judgesCalls ? 6 : 5,
      ...summary.metrics.filter((metric) => metric.metric.name !== 'suite-k').map((metric) => metric.name.length),
    );
    for (const metric of summary.metrics) {
      const value = metric.value.defined
        ? `${formatMetricValue(metric.metric, metric.value.value)}${metric.value.interval ? color.dim(`  ${formatMetricInterval(metric.metric, metric.value.interval.lower, metric.value.interval.upper)}`) : ''}`
        : color.yellow(`undefined: ${metric.value.reason}`);
      const mean =
        metric.metric.name === 'suite-k' && summary.suiteK && metric.metric.quantile === summary.suiteK.q
          ? color.dim(`  · ${describeSuiteKMean(summary.suiteK)}`)
          : '';
      lines.push(`    ${metric.name.padEnd(width)}  ${value}${mean}`);
    }
    const curve = summary.passAtKCurve;
    if (curve.length > 1) {
      lines.push(
        `    ${'pass@k'.padEnd(width)}  ${sparkline(curve.map((point) => point.value))}  ${color.dim(`k = ${curve.map((point) => point.k).join(', ')}`)}`,
      );
    }
    if (summary.agent) lines.push(`    ${'agent'.padEnd(width)}  ${describeAgentFigures(summary.agent)}`);
    lines.push(`    ${'spend'.padEnd(width)}  ${describeProgramSpend(summary.spend)}`);
    if (userCalls) lines.push(color.dim(`    ${'user'.padEnd(width)}  ${userCalls}`));
    if (judgesCalls) lines.push(color.dim(`    ${'judges'.padEnd(width)}  ${judgesCalls}`));
    if (run.shard) {
      lines.push(
        color.yellow(
          `  shard ${run.shard.index}/${run.shard.count}: ${run.planned} samples; merge the shards to check the expectations`,
        ),
      );
    } else if (run.interrupted) {
      lines.push(
        color.yellow(`  stopped after ${summary.samples} of ${run.planned} samples; expectations not checked`),
      );
    }
    for (const expectation of run.shard || run.interrupted ? [] : summary.expectations) {
      const { observed } = expectation;
      let observedText = observed.defined
        ? `observed ${formatMetricValue(expectation.metric, observed.value)}`
        : `undefined: ${observed.reason}`;
      const interval =
        observed.defined && observed.interval
          ? ` ${formatMetricInterval(expectation.metric, observed.interval.lower, observed.interval.upper)}`
          : '';
      const text =
        expectation.caseId !== undefined ? `${expectation.text} (case ${expectation.caseId})` : expectation.text;
      const decision = describeSequentialDecision(expectation);
      if (expectation.met) {
        lines.push(
          `  ${color.green('✓')} expect ${text}  ${color.dim(observedText)}${decision ? color.dim(`  ${decision}`) : ''}`,
        );
        continue;
      }
      if (expectation.sequential?.decision === 'undecided') {
        lines.push(
          `  ${color.yellow('?')} expect ${text}  ${color.yellow('undecided')}  ${color.dim(observedText)}  ${color.dim(expectation.location)}`,
        );
        if (decision) lines.push(`      ${color.yellow(decision)}`);
        continue;
      }
      if (decision) observedText += `  ${decision}`;
      lines.push(
        `  ${color.red('✗')} expect ${text}  ${color.red(observedText)}${color.dim(interval)}  ${color.dim(expectation.location)}`,
      );
      const verdict = describeFailure(expectation);
      if (verdict) {
        const significant = expectation.significance?.verdict === 'significant';
        lines.push(`      ${significant ? color.red(verdict) : color.yellow(verdict)}`);
      }
    }
    if (summary.baseline) {
      const comparison = summary.baseline;
      const paint =
        comparison.status === 'regressed' ? color.red : comparison.status === 'improved' ? color.green : color.dim;
      lines.push(`  ${paint(describeComparison(comparison))}`);
      for (const change of comparison.changes) {
        const mark =
          change.change === 'regression'
            ? color.red('↓')
            : change.change === 'improvement'
              ? color.green('↑')
              : color.dim('=');
        lines.push(
          `    ${mark} ${change.change === 'unchanged' ? color.dim(describeChange(change)) : describeChange(change)}`,
        );
      }
    }
    if (summary.expectations.length === 0) lines.push(color.dim('  (no expectations)'));
    if (summary.sequential) lines.push(color.dim(`  ${describeSequentialRun(summary.sequential)}`));
    if (summary.adaptive) {
      const widths = summary.adaptive.widths
        .map((width) => `${metricLabel(width.metric)} ±${formatMetric(width.width / 2)}`)
        .join(', ');
      lines.push(
        color.dim(
          `  adaptive: ${summary.adaptive.reason.replace('-', ' ')} after ${summary.samples} samples in ${summary.adaptive.batches} batches${widths ? `; sampling intervals ${widths}` : ''}`,
        ),
      );
    }
    for (const judge of summary.judges) lines.push(color.dim(`  ${describeJudge(judge)}`));
    if (run.cacheHits > 0) lines.push(color.dim(`  ${run.cacheHits} of ${summary.samples} samples from the store`));
    if (summary.errors > 0)
      lines.push(color.yellow(`  ${summary.errors} samples ended in errors and were not counted`));
    for (const warning of run.warnings) lines.push(color.yellow(`  warning: ${warning.message}`));
    return `${lines.join('\n')}\n\n`;
  };

  /**
   * For a program run on several interpreters: its metrics side by side, one row per interpreter, then each further
   * interpreter against the first as the runner compared them.
   */
  const comparisonTable = (group: readonly ProgramSummary[], comparisons: readonly InterpreterComparison[]): string => {
    const first = group[0] as ProgramSummary;
    const names = [...new Set(group.flatMap((summary) => summary.metrics.map((metric) => metric.name)))];
    const nameWidth = Math.max(...group.map((summary) => summary.interpreter.length));
    const cell = (summary: ProgramSummary, name: string) => {
      const metric = summary.metrics.find((candidate) => candidate.name === name);
      const found = metric?.value;
      return metric && found?.defined
        ? `${formatMetricValue(metric.metric, found.value)}${found.interval ? ` ${formatMetricInterval(metric.metric, found.interval.lower, found.interval.upper)}` : ''}`
        : '—';
    };
    // What a success costs on each interpreter, when any has a price: the figure to weigh against pass@k.
    const columns = [
      ...names.map((name) => ({ title: name, cell: (summary: ProgramSummary) => cell(summary, name) })),
      ...(group.some((summary) => summary.spend.price)
        ? [
            {
              title: 'cost per success',
              cell: ({ spend }: ProgramSummary) =>
                spend.price && spend.costPerSuccess.defined
                  ? `${formatDollars(spend.costPerSuccess.value)}${describeDollarInterval(spend.costPerSuccess)}`
                  : '—',
            },
          ]
        : []),
    ];
    const widths = columns.map((column) =>
      Math.max(column.title.length, ...group.map((summary) => column.cell(summary).length)),
    );
    const row = (label: string, cells: readonly string[]) =>
      `  ${label.padEnd(nameWidth)}  ${cells.map((text, index) => text.padEnd(widths[index] ?? 0)).join('  ')}`;
    return [
      `${color.bold(first.programName)} on ${group.length} interpreters`,
      color.dim(
        row(
          '',
          columns.map((column) => column.title),
        ).trimEnd(),
      ),
      ...group.map((summary) => {
        const curve =
          summary.passAtKCurve.length > 1 ? `  ${sparkline(summary.passAtKCurve.map((point) => point.value))}` : '';
        return `${row(
          summary.interpreter,
          columns.map((column) => column.cell(summary)),
        )}${curve}`.trimEnd();
      }),
      ...comparisons
        .filter((comparison) => comparison.file === first.file && comparison.programName === first.programName)
        .flatMap((comparison) => [
          ...(comparison.suiteK
            ? [`  ${describeSuiteKComparison(comparison.suiteK, comparison.reference, comparison.interpreter)}`]
            : []),
          `  ${comparison.interpreter} − ${comparison.reference}: ${describeInterpreterComparison(comparison)}`,
          ...(comparison.costToSuccess
            ? [`  ${describeCostToSuccess(comparison.costToSuccess, comparison.reference, comparison.interpreter)}`]
            : []),
        ]),
      '',
      '',
    ].join('\n');
  };

  return {
    onProgramEnd(summary) {
      write(programBlock(summary));
    },
    onSuiteEnd(result: SuiteResult) {
      for (const file of result.loaded) {
        for (const diagnostic of file.diagnostics)
          options.writeError(`${renderDiagnostic(diagnostic, file.source)}\n\n`);
      }
      for (const error of result.errors) {
        options.writeError(`${color.red('error')}: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}\n`);
      }
      if (result.status === 'error' && result.programs.length === 0) {
        const broken = result.loaded.filter((file) => file.diagnostics.some((d) => d.severity === 'error')).length;
        write(
          `${color.red('Not run:')} ${broken > 0 ? `${broken} of ${result.loaded.length} program files have errors` : 'the suite could not start'}\n`,
        );
        return;
      }
      const groups = new Map<string, ProgramSummary[]>();
      for (const summary of result.programs) {
        const key = `${summary.file}\u0000${summary.programName}`;
        groups.set(key, [...(groups.get(key) ?? []), summary]);
      }
      for (const group of groups.values())
        if (group.length > 1) write(comparisonTable(group, result.interpreterComparisons));
      const notRun = result.notRun ?? [];
      if (notRun.length > 0) {
        write(
          `${color.yellow('Not run')} after the first failure (--bail): ${notRun.map((entry) => `${entry.programName} on ${entry.interpreter}`).join(', ')}\n\n`,
        );
      }
      const programs = programCounts(result);
      const expectations = expectationCounts(result);
      const samples = result.programs.reduce((sum, summary) => sum + summary.samples, 0);
      const counted = (count: number, what: string, paint: (text: string) => string) =>
        count > 0 ? `${paint(`${count} ${what}`)} | ` : '';
      write(
        [
          `Programs      ${counted(programs.failed, 'failed', color.red)}${counted(programs.undetermined, 'undetermined', color.yellow)}${counted(programs.partial, 'partial', color.yellow)}${counted(notRun.length, 'not run', color.yellow)}${color.green(`${programs.passed} passed`)} (${result.programs.length + notRun.length})`,
          `Expectations  ${counted(expectations.failed, 'failed', color.red)}${counted(expectations.undecided, 'undecided', color.yellow)}${counted(expectations.undetermined, 'undetermined', color.yellow)}${counted(expectations.unchecked, 'not checked', color.yellow)}${expectations.met} met (${expectations.total})`,
          `Samples       ${samples} in ${formatDuration(result.durationMs)}`,
          ...(result.programs.length > 0 ? [`Spent         ${describeRunSpend(result.spend)}`] : []),
          ...(result.budget
            ? [
                result.budget.reached
                  ? color.yellow(describeBudget(result.budget, result.runId))
                  : describeBudget(result.budget, result.runId),
              ]
            : []),
          ...baselineLines(result),
          ...(result.runId ? [color.dim(`Run           ${result.runId}`)] : []),
          '',
        ].join('\n'),
      );
    },
  };
}

/** How many programs ended each way. */
function programCounts(result: SuiteResult): Record<ProgramStatus, number> {
  const counts: Record<ProgramStatus, number> = { passed: 0, failed: 0, undetermined: 0, partial: 0 };
  for (const summary of result.programs) counts[summary.status]++;
  return counts;
}

/**
 * How the expectations fared: met, failed (judged and not met), undecided (a sequential run's cap came first),
 * undetermined (their metric could not be computed)
 * and not checked (of programs whose run holds only part of its plan, judged once it is whole).
 */
function expectationCounts(result: SuiteResult) {
  const counts = { total: 0, met: 0, failed: 0, undecided: 0, undetermined: 0, unchecked: 0 };
  for (const summary of result.programs) {
    for (const expectation of summary.expectations) {
      counts.total++;
      counts[expectationOutcome(expectation, summary.status)]++;
    }
  }
  return counts;
}
