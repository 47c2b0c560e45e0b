import type { ProgramSummary } from '../runner/program-summary.js';
import type { SuiteResult } from '../runner/suite-result.js';
import type { SuiteKResult } from '../stats/suite-k/suite-k.js';
import { plural } from '../util/plural.js';
import { describeEnds, describeToolErrorRate } from './describe-agent-figures.js';
import { describeJudge } from './describe-judge.js';
import { describeBudget, describeRunSpend } from './describe-run-spend.js';
import { describeSequentialDecision, describeSequentialRun } from './describe-sequential.js';
import {
  describeChange,
  describeComparison,
  describeCostToSuccess,
  describeFailure,
  describeInterpreterComparison,
} from './describe-significance.js';
import { describeProgramSpend, describeTallyCost, tallyTokens } from './describe-spend.js';
import { describeSuiteKComparison, suiteKMeanFigures } from './describe-suite-k.js';
import { representativeSample } from './failing-sample.js';
import { formatMetricInterval, formatMetricValue } from './format-metric-value.js';
import { formatDuration, formatMetric, formatTokens } from './format-number.js';
import { markdownSpend } from './markdown-spend.js';
import { markdownText as md } from './markdown-text.js';
import { excerpt, outputText } from './output-text.js';
import { scoreValueText } from './score-tree-lines.js';

const statusMark = { passed: '✅', failed: '❌', undetermined: '⚠️', partial: '⏸️' } as const;

function programRow(summary: ProgramSummary): string {
  const { run } = summary;
  // An agent's headline is pass^1, which equals pass@1.
  const pass1 = summary.metrics.find((metric) => metric.name === 'pass@1' || metric.name === 'pass^1');
  const met = summary.expectations.filter((expectation) => expectation.met).length;
  const { spend } = summary;
  const cost = spend.price ? md(describeTallyCost(spend.program)) : 'unknown';
  return `| ${statusMark[summary.status]} | ${md(summary.programName)} | ${md(run.interpreterId)} | ${summary.cases.length} × ${run.samplesPerCase} | ${pass1?.value.defined ? formatMetric(pass1.value.value) : '—'} | ${met} / ${summary.expectations.length} | ${summary.errors} | ${formatTokens(tallyTokens(spend.program))} | ${cost} |`;
}

function failedExpectations(result: SuiteResult): string[] {
  const lines: string[] = [];
  for (const summary of result.programs) {
    if (summary.status === 'partial') continue;
    for (const expectation of summary.expectations.filter((candidate) => !candidate.met)) {
      const interval = expectation.observed.defined ? expectation.observed.interval : undefined;
      const format = (value: number) => md(formatMetricValue(expectation.metric, value));
      const decision = describeSequentialDecision(expectation);
      const undecided = expectation.sequential?.decision === 'undecided';
      const observed = expectation.observed.defined
        ? `${undecided ? '**undecided** at the cap, ' : ''}observed **${format(expectation.observed.value)}**${interval ? ` (${Math.round(interval.level * 100)}% interval ${format(interval.lower)}–${format(interval.upper)})` : ''}`
        : `could not be judged (undefined: ${md(expectation.observed.reason)})`;
      const onCase = expectation.caseId !== undefined ? ` (case ${md(expectation.caseId)})` : '';
      const verdict = describeFailure(expectation);
      lines.push(
        `- **${md(summary.programName)}** on ${md(summary.run.interpreterId)}: \`expect ${expectation.text.replace(/`/g, "'")}\`${onCase} ${observed}, threshold ${md(`${expectation.operator} ${expectation.threshold}`)} at ${md(expectation.location)}${decision ? ` — ${md(decision)}` : ''}${verdict && !undecided ? ` — ${md(verdict)}` : ''}`,
      );
    }
  }
  return lines;
}

function programSection(summary: ProgramSummary): string[] {
  const lines = [
    `### ${md(summary.programName)} on ${md(summary.run.interpreterId)}`,
    '',
    `${md(summary.file)} · ${plural(summary.cases.length, 'case')} × ${plural(summary.run.samplesPerCase, 'sample')} · seed ${summary.run.baseSeed}${summary.errors > 0 ? ` · ${summary.errors} errors` : ''}`,
    '',
    '| metric | value | 95% interval |',
    '| --- | --- | --- |',
    ...summary.metrics.map((metric) =>
      metric.value.defined
        ? `| ${md(metric.name)} | ${md(formatMetricValue(metric.metric, metric.value.value))} | ${metric.value.interval ? md(formatMetricInterval(metric.metric, metric.value.interval.lower, metric.value.interval.upper)) : '—'} |`
        : `| ${md(metric.name)} | undefined: ${md(metric.value.reason)} | — |`,
    ),
    ...(summary.suiteK ? [suiteKMeanRow(summary.suiteK)] : []),
    '',
    `**Spend:** ${md(describeProgramSpend(summary.spend))}`,
    '',
    '<details><summary>Tokens, cost and latency</summary>',
    '',
    ...markdownSpend(summary.spend),
    '</details>',
    '',
  ];
  if (summary.sequential) {
    lines.push(`**Sequential:** ${md(describeSequentialRun(summary.sequential).replace(/^sequential: /, ''))}`, '');
  }
  if (summary.baseline) {
    lines.push(
      `${md(describeComparison(summary.baseline))}`,
      '',
      ...summary.baseline.changes.map((change) => `- ${md(describeChange(change))}`),
      ...(summary.baseline.changes.length > 0 ? [''] : []),
    );
  }
  if (summary.judges.length > 0) {
    lines.push(...summary.judges.map((judge) => `- ${md(describeJudge(judge))}`), '');
  }
  if (summary.agent) {
    const { agent } = summary;
    lines.push(
      '| turns per sample | tool calls per sample | tool-call errors | ended |',
      '| --- | --- | --- | --- |',
      `| ${agent.turnsPerSample.toFixed(1)} | ${agent.toolCallsPerSample.toFixed(1)} | ${describeToolErrorRate(agent)} | ${describeEnds(agent)} |`,
      '',
    );
  }
  const failing = summary.cases.filter((caseSummary) => caseSummary.c < caseSummary.n || caseSummary.errors > 0);
  if (failing.length > 0) {
    lines.push(
      '<details><summary>Cases with failed samples</summary>',
      '',
      '| case | passed | mean score | a failing output | its score |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const caseSummary of failing) {
      const sample = representativeSample(summary.run.cases.find((run) => run.caseId === caseSummary.caseId));
      lines.push(
        `| ${md(caseSummary.caseId)} | ${caseSummary.c} / ${caseSummary.n} | ${caseSummary.meanScore === null ? '—' : formatMetric(caseSummary.meanScore)} | ${sample ? md(excerpt(outputText(sample.output), 120)) : ''} | ${sample ? scoreValueText(sample.score) : ''} |`,
      );
    }
    lines.push('', '</details>', '');
  }
  return lines;
}

/**
 * The suite as GitHub-flavoured Markdown for a CI job summary (such as `$GITHUB_STEP_SUMMARY`): the outcome, the
 * run's tokens and dollars (and budget), a table of programs with their tokens and cost, the failed expectations
 * with observed values and thresholds, and each program's metrics, spend (with the cost curve of pass@k) and failing
 * cases. Every user string and model output is escaped.
 */
export function buildMarkdownReport(result: SuiteResult): string {
  const lines = [
    `## informal: ${result.status === 'passed' ? '✅ passed' : result.status === 'failed' ? '❌ failed' : result.status === 'error' ? (result.programs.length > 0 ? '⚠️ could not be judged' : '⚠️ not run') : '⏸️ interrupted'}`,
    '',
  ];
  for (const error of result.errors) lines.push(`- ⚠️ ${md(error.message)}${error.hint ? ` (${md(error.hint)})` : ''}`);
  for (const file of result.loaded) {
    for (const diagnostic of file.diagnostics.filter((candidate) => candidate.severity === 'error')) {
      lines.push(`- ⚠️ ${md(file.file)}: ${md(diagnostic.code)} ${md(diagnostic.message)}`);
    }
  }
  if (lines.length > 2) lines.push('');
  if (result.programs.length > 0) {
    const expectations = result.programs.flatMap((summary) => summary.expectations);
    const samples = result.programs.reduce((sum, summary) => sum + summary.samples, 0);
    lines.push(
      `${result.programs.length} programs · ${expectations.filter((expectation) => expectation.met).length} of ${expectations.length} expectations met · ${samples} samples in ${formatDuration(result.durationMs)}${result.runId ? ` · run \`${result.runId}\`` : ''}`,
      '',
      `Spent: ${md(describeRunSpend(result.spend))}`,
      '',
      ...(result.budget
        ? [`${result.budget.reached ? '⏸️ ' : ''}${md(describeBudget(result.budget, result.runId))}`, '']
        : []),
      '| | program | interpreter | cases × samples | pass@1 | expectations met | errors | tokens | cost |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...result.programs.map(programRow),
      '',
    );
    const failed = failedExpectations(result);
    if (failed.length > 0) lines.push('#### Expectations not met', '', ...failed, '');
    if (result.interpreterComparisons.length > 0) {
      lines.push(
        '#### Interpreters compared',
        '',
        ...result.interpreterComparisons.flatMap((comparison) => [
          `- **${md(comparison.programName)}**: ${md(comparison.interpreter)} − ${md(comparison.reference)}: ${md(describeInterpreterComparison(comparison))}`,
          ...(comparison.suiteK
            ? [`  ${md(describeSuiteKComparison(comparison.suiteK, comparison.reference, comparison.interpreter))}`]
            : []),
          ...(comparison.costToSuccess
            ? [`  ${md(describeCostToSuccess(comparison.costToSuccess, comparison.reference, comparison.interpreter))}`]
            : []),
        ]),
        '',
      );
    }
    lines.push(...result.programs.flatMap(programSection));
  }
  return `${lines.join('\n')}\n`;
}
/** The metrics table's row of the suite's capped mean of attempts. */
function suiteKMeanRow(result: SuiteKResult): string {
  const { label, value, interval } = suiteKMeanFigures(result);
  return `| ${md(label)} | ${md(value)} | ${md(interval)} |`;
}
