// The public names of src/runner: running suites, their results and exit codes.
export { compareRuns } from './compare-runs.js';
export type { ProgramSummary } from './program-summary.js';
export type { Reporter } from './reporter.js';
export { type RunSuiteOptions, runSuite } from './run-suite.js';
export { SuiteOptionsError } from './suite-options-error.js';
export { exitCodeFor, type SuiteResult } from './suite-result.js';
