import type { Reporter, WriteText } from '../runner/reporter.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { buildJunitReport, type JunitReportOptions } from './junit-report.js';

/** Writes the JUnit XML document when the suite ends; nothing before. */
export function createJunitReporter(options: { readonly write: WriteText } & JunitReportOptions): Reporter {
  return {
    onSuiteEnd(result: SuiteResult) {
      options.write(buildJunitReport(result, options));
    },
  };
}
