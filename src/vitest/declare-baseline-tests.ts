import { test } from 'vitest';
import type { Program } from '../program/program.js';
import { describeChange, describeComparison } from '../report/describe-significance.js';
import { comparableWithBaseline } from '../runner/baseline-comparison.js';
import type { BaselineEntry } from '../runner/baseline-file.js';
import type { ProgramSummary } from '../runner/program-summary.js';
import { reportedMetrics } from '../runner/reported-metrics.js';
import { BaselineRegression } from './baseline-regression.js';

/**
 * Declares, for a program the baseline holds on this interpreter, one test per metric compared with it
 * (`pass@1 against the baseline`, and one for the metric of each `expect` line over the suite). A test fails when
 * its metric got significantly worse, in the words of `informal test`; it is skipped, with the reason, when the
 * run could not be compared (fewer than two cases in common, a metric undefined on some case).
 * Tests are declared before the run, so the metrics are those the program reports, not those the run compared.
 */
export function declareBaselineTests(
  program: Program,
  entry: BaselineEntry | undefined,
  summaryOf: () => ProgramSummary,
): void {
  if (!entry) return;
  for (const [name, metric] of reportedMetrics(program)) {
    if (!comparableWithBaseline(metric)) continue;
    test(`${name} against the baseline`, (context) => {
      const summary = summaryOf();
      const comparison = summary.baseline;
      if (!comparison) {
        return context.skip('not compared with the baseline: the run is partial, or the baseline changed since');
      }
      if (comparison.status === 'not-comparable') return context.skip(describeComparison(comparison));
      const change = comparison.changes.find((candidate) => candidate.metric === name);
      if (!change) return context.skip(`not compared with the baseline: ${name} is not defined on every case`);
      if (change.change !== 'regression') return;
      const message = [
        `${name} of ${summary.programName} on ${summary.run.interpreterId}: ${describeComparison(comparison)}`,
        `  ↓ ${describeChange(change)}`,
        '  hint: when the change is intended, rewrite the baseline with `informal test --update-baseline`',
      ].join('\n');
      throw new BaselineRegression(message, change, comparison, summary.run.interpreterId);
    });
  }
}
