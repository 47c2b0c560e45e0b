import type { Reporter, WriteText } from '../runner/reporter.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { buildJsonReport } from './json-report.js';

/** Writes exactly one JSON document, the versioned report, when the suite ends; nothing before. */
export function createJsonReporter(options: { readonly write: WriteText; readonly toolVersion: string }): Reporter {
  return {
    onSuiteEnd(result: SuiteResult) {
      options.write(`${JSON.stringify(buildJsonReport(result, options.toolVersion), null, 2)}\n`);
    },
  };
}
