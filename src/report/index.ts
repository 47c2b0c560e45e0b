// The public names of src/report: reporters, and the documents they write.
export { createReporter, type ReporterName, reporterNames } from './create-reporter.js';
export { renderHtmlReport } from './html/render-html-report.js';
export { buildJsonReport } from './json-report.js';
export { type JsonReport, jsonReportSchema } from './json-report-schema.js';
