// The public API of informal.

export {
  defineConfig,
  type InformalConfig,
  type InterpreterConfig,
  informalConfigSchema,
} from './config/informal-config.js';
export { type ConfigError, type LoadConfigResult, loadConfig, validateConfig } from './config/load-config.js';
export type { Interpreter, InterpretOptions } from './contracts/interpreter.js';
export type {
  CallOrigin,
  InterpreterCall,
  Message,
  ResponseFormat,
  SamplingSettings,
} from './contracts/interpreter-call.js';
export { InterpreterError, type InterpreterErrorKind } from './contracts/interpreter-error.js';
export type {
  InterpreterProvider,
  InterpreterSetupError,
  ProviderOptions,
  ResolveInterpreterResult,
} from './contracts/interpreter-provider.js';
export type * from './contracts/program-run.js';
export type { OpenRecordedRuns, RecordedRun, RecordedRuns } from './contracts/recorded-runs.js';
export type * from './contracts/run-events.js';
export type { CachedStep, ProgramRunKey, SampleStore, StepKeys } from './contracts/sample-store.js';
export { type JudgeVerdicts, type Score, type ScoreStatus, scored, scoreError } from './contracts/score.js';
export type { FinishReason, InterpreterWarning, StepResult, TokenUsage } from './contracts/step-result.js';
export type * from './contracts/trace.js';
export { deriveSeed } from './engine/derive-seed.js';
export { createJudgeRuntime, type JudgeRuntimeOptions } from './engine/judge-runtime.js';
export { RateLimiter, type RateLimits } from './engine/rate-limiter.js';
export { defaultRetryPolicy, type RetryPolicy } from './engine/retry-policy.js';
export { type RunProgramOptions, runProgram } from './engine/run-program.js';
export { parseShard, type Shard } from './engine/shard.js';
export {
  type AiSdkInterpreterOptions,
  type AiSdkProviderOptions,
  aiSdkProvider,
  aiSdkProviders,
  createAiSdkInterpreter,
} from './interpreters/ai-sdk/index.js';
export {
  createOpenAICompatibleInterpreter,
  type OpenAICompatibleInterpreterOptions,
  openaiCompatibleProvider,
} from './interpreters/openai-compatible/index.js';
export { builtinProviders, parseInterpreterId, resolveInterpreter } from './interpreters/resolve-interpreter.js';
export { createSimInterpreter } from './interpreters/sim/sim-interpreter.js';
export { type SimProfile, simProfiles } from './interpreters/sim/sim-profile.js';
export type * from './lang/ast.js';
export type { Diagnostic, DiagnosticSeverity } from './lang/diagnostic.js';
export { type ParseResult, parseProg } from './lang/parse.js';
export { renderDiagnostic } from './lang/render-diagnostic.js';
export type { SourcePosition, SourceSpan } from './lang/source-span.js';
export { compileProgram, type LoadedProgram, loadProgram } from './program/load-program.js';
export { type ParsedOutput, parseOutput } from './program/parse-output.js';
export type * from './program/program.js';
export type { ReadFile, ResolveContext } from './program/resolve-context.js';
export { describeType, typeSchema, valueHasType } from './program/type-schema.js';
export { createConsoleReporter } from './report/console-reporter.js';
export {
  type CreateReporterOptions,
  createReporter,
  type ReporterName,
  reporterNames,
} from './report/create-reporter.js';
export { buildReportModel } from './report/html/build-report-model.js';
export { createHtmlReporter } from './report/html/html-reporter.js';
export { renderHtmlReport } from './report/html/render-html-report.js';
export type * from './report/html/report-model.js';
export { buildJsonReport, jsonReportVersion } from './report/json-report.js';
export { type JsonReport, type JsonReportScore, jsonReportSchema } from './report/json-report-schema.js';
export { createJsonReporter } from './report/json-reporter.js';
export { buildJunitReport, type JunitReportOptions } from './report/junit-report.js';
export { createJunitReporter } from './report/junit-reporter.js';
export { buildMarkdownReport } from './report/markdown-report.js';
export { createMarkdownReporter } from './report/markdown-reporter.js';
export { readStoredRun, resolveRunId, type StoredProgramRun } from './report/stored-run.js';
export { createVerboseReporter } from './report/verbose-reporter.js';
export { type CheckedSuiteOptions, checkSuiteOptions } from './runner/check-suite-options.js';
export { compareInterpreters, type InterpreterComparison } from './runner/compare-interpreters.js';
export { compareProgram, compareRuns, type ProgramComparison, type RunComparison } from './runner/compare-runs.js';
export type * from './runner/program-summary.js';
export type { Reporter, WriteText } from './runner/reporter.js';
export { resolveBaseSeed } from './runner/resolve-base-seed.js';
export { type RunSuiteOptions, runSuite } from './runner/run-suite.js';
export { type StoredSummary, summarizeStoredRun } from './runner/stored-summary.js';
export {
  describeSuiteOptionProblem,
  libraryOptionNaming,
  type SuiteOptionName,
  type SuiteOptionNaming,
  type SuiteOptionProblem,
} from './runner/suite-option-problem.js';
export { SuiteOptionsError } from './runner/suite-options-error.js';
export type * from './runner/suite-result.js';
export { exitCodeFor } from './runner/suite-result.js';
export * from './stats/index.js';
export { exportRunJsonl } from './store/export-jsonl.js';
export { type MergeSummary, mergeStores } from './store/merge-stores.js';
export { openRecordedRuns } from './store/open-recorded-runs.js';
export { defaultStorePath, SqliteStore, StoreOpenError, StoreVersionError } from './store/sqlite-store.js';
export { StoreReader } from './store/store-reader.js';
export type { ProgramRunRecord, ResultRecord, RunRecord, RunStatus, StoredSample } from './store/store-types.js';
export type { BuiltinVerifier } from './verifiers/builtin-verifier.js';
export { builtinVerifiers } from './verifiers/builtins.js';
export { type CompileVerifierOptions, compileVerifier } from './verifiers/compile-verifier.js';
export type { JudgeDefinition } from './verifiers/judge/judge-definition.js';
export {
  createJudgeVerifier,
  type JudgeAnswer,
  type JudgeRuntime,
  judgeResponseFormat,
} from './verifiers/judge/judge-verifier.js';
export { type ParsedVerdict, parseVerdict } from './verifiers/judge/parse-verdict.js';
export {
  type JudgeNoise,
  type LabelledOutput,
  type MetaEvaluation,
  metaEvaluate,
} from './verifiers/meta-evaluate.js';
export type { Verifier, VerifierContext } from './verifiers/verifier.js';
export {
  type ArgumentValues,
  defineVerifier,
  type ModuleVerifier,
  type VerifierArguments,
  type VerifierDefinition,
  type VerifierResult,
} from './verifiers/verifier-module.js';
