import type { Reporter, WriteText } from '../../runner/reporter.js';
import type { SuiteResult } from '../../runner/suite-result.js';
import { buildReportModel } from './build-report-model.js';
import { renderHtmlReport } from './render-html-report.js';

/** Writes the self-contained HTML report when the suite ends; nothing before. */
export function createHtmlReporter(options: { readonly write: WriteText; readonly toolVersion: string }): Reporter {
  return {
    onSuiteEnd(result: SuiteResult) {
      const model = buildReportModel(result.programs, {
        title: `informal report${result.runId ? ` ${result.runId}` : ''}`,
        toolVersion: options.toolVersion,
        runIds: result.runId ? [result.runId] : [],
        status: result.status,
        notes: result.errors.map((error) => error.message),
        now: result.startedAt + result.durationMs,
        interpreterComparisons: result.interpreterComparisons,
      });
      options.write(renderHtmlReport(model));
    },
  };
}
