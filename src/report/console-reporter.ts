import pc from 'picocolors';
import type { SamplingSettings } from '../interpreters/interpreter-call.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { metricName as metricLabel } from '../runner/metric-value.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { formatDuration, formatMetric } from './format-number.js';
import type { Reporter, WriteText } from './reporter.js';

/** Sampling settings as a short phrase, such as `temperature 0.7 · top_p 0.9 · `; empty when all are defaults. */
function describeSettings(settings: SamplingSettings): string {
  const parts = [
    settings.temperature !== undefined ? `temperature ${settings.temperature}` : '',
    settings.topP !== undefined ? `top_p ${settings.topP}` : '',
    settings.maxTokens !== undefined ? `max_tokens ${settings.maxTokens}` : '',
  ].filter((part) => part !== '');
  return parts.map((part) => `${part} · `).join('');
}

export interface ConsoleReporterOptions {
  /** Where the report goes: standard output. */
  readonly write: WriteText;
  /** Where diagnostics go: standard error. */
  readonly writeError: WriteText;
  /** Colours on or off; picocolors' detection when left out. */
  readonly colors?: boolean;
}

/** The default reporter: per program, its cases and samples, its metrics, and each expectation met or not. */
export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const color = pc.createColors(options.colors ?? pc.isColorSupported);
  const { write } = options;

  const programBlock = (summary: ProgramSummary): string => {
    const { run } = summary;
    const mark =
      summary.status === 'passed'
        ? color.green('✓')
        : summary.status === 'partial'
          ? color.yellow('◐')
          : color.red('✗');
    const lines = [
      `${mark} ${color.bold(summary.programName)} ${color.dim(summary.file)}`,
      color.dim(
        `  ${summary.cases.length} cases × ${run.samplesPerCase} samples on ${run.interpreterId} · ${run.interpreterDescription} · ${describeSettings(run.settings)}seed ${run.baseSeed}`,
      ),
    ];
    const width = Math.max(...summary.metrics.map((metric) => metric.name.length));
    for (const metric of summary.metrics) {
      const value = metric.value.defined
        ? formatMetric(metric.value.value)
        : color.yellow(`undefined: ${metric.value.reason}`);
      lines.push(`    ${metric.name.padEnd(width)}  ${value}`);
    }
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
      const observed = expectation.observed.defined
        ? `observed ${formatMetric(expectation.observed.value)}`
        : `undefined: ${expectation.observed.reason}`;
      lines.push(
        expectation.met
          ? `  ${color.green('✓')} expect ${expectation.text}  ${color.dim(observed)}`
          : `  ${color.red('✗')} expect ${expectation.text}  ${color.red(observed)}  ${color.dim(expectation.location)}`,
      );
    }
    if (summary.expectations.length === 0) lines.push(color.dim('  (no expectations)'));
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
    if (run.cacheHits > 0) lines.push(color.dim(`  ${run.cacheHits} of ${summary.samples} samples from the store`));
    if (summary.errors > 0)
      lines.push(color.yellow(`  ${summary.errors} samples ended in errors and were not counted`));
    for (const warning of run.warnings) lines.push(color.yellow(`  warning: ${warning.message}`));
    return `${lines.join('\n')}\n\n`;
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
      if (result.status === 'error') {
        const broken = result.loaded.filter((file) => file.diagnostics.some((d) => d.severity === 'error')).length;
        write(
          `${color.red('Not run:')} ${broken > 0 ? `${broken} of ${result.loaded.length} program files have errors` : 'the suite could not start'}\n`,
        );
        return;
      }
      const passed = result.programs.filter((summary) => summary.status === 'passed').length;
      const failed = result.programs.filter((summary) => summary.status === 'failed').length;
      const partial = result.programs.length - passed - failed;
      const expectations = result.programs.flatMap((summary) => summary.expectations);
      const met = expectations.filter((expectation) => expectation.met).length;
      const samples = result.programs.reduce((sum, summary) => sum + summary.samples, 0);
      write(
        [
          `Programs      ${failed > 0 ? `${color.red(`${failed} failed`)} | ` : ''}${partial > 0 ? `${color.yellow(`${partial} partial`)} | ` : ''}${color.green(`${passed} passed`)} (${result.programs.length})`,
          `Expectations  ${expectations.length - met > 0 ? `${color.red(`${expectations.length - met} failed`)} | ` : ''}${met} met (${expectations.length})`,
          `Samples       ${samples} in ${formatDuration(result.durationMs)}`,
          ...(result.runId ? [color.dim(`Run           ${result.runId}`)] : []),
          '',
        ].join('\n'),
      );
    },
  };
}
