// informal/vitest: the vitest plugin that runs `.prog` files as test suites, and the API and matchers for programs
// run from TypeScript. Needs vitest (a peer dependency); the rest of informal never imports it.

export { BaselineRegression } from './baseline-regression.js';
export { describeExpectation } from './describe-expectation.js';
export { ExpectationFailure } from './expectation-failure.js';
export { informal } from './informal-plugin.js';
export {
  type InformalPluginOptions,
  InformalPluginOptionsError,
  informalPluginOptionsSchema,
} from './informal-plugin-options.js';
export { ProgramFileError } from './program-file-error.js';
export type { ProgramMatchers } from './program-matchers.js';
export {
  type CaseMetricValue,
  type CaseReading,
  type MetricInterval,
  type MetricNoise,
  type MetricReading,
  type MetricValue,
  readMetric,
} from './read-metric.js';
export { type RunProgramFileOptions, runProgramFile } from './run-program-file.js';
