// The public names of src/contracts: the types every stage shares.
export type { Interpreter, InterpretOptions } from './interpreter.js';
export type { InterpreterCall, Message, SamplingSettings } from './interpreter-call.js';
export { InterpreterError } from './interpreter-error.js';
export type { InterpreterProvider, ProviderOptions } from './interpreter-provider.js';
export type { ProgramRun, SampleRecord } from './program-run.js';
export type { RunEvents } from './run-events.js';
export type { Score } from './score.js';
export type { StepResult } from './step-result.js';
export type { ReferenceAction, ToolCall, ToolChoice, ToolDefinition } from './tool.js';
export type { EnvironmentCase, EnvironmentFactory, ToolContext, ToolFunction } from './tool-function.js';
export type { ToolRuntime, ToolRuntimeContext } from './tool-runtime.js';
export type { AgentEnd, AgentTrace, StepTrace, Trace, TurnTrace } from './trace.js';
