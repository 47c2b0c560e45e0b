import type { Reporter, WriteText } from '../runner/reporter.js';
import type { SuiteResult } from '../runner/suite-result.js';
import { buildMarkdownReport } from './markdown-report.js';

/** Writes the Markdown summary when the suite ends; nothing before. */
export function createMarkdownReporter(options: { readonly write: WriteText }): Reporter {
  return {
    onSuiteEnd(result: SuiteResult) {
      options.write(buildMarkdownReport(result));
    },
  };
}
