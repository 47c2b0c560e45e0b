import type { Message, SamplingSettings } from './interpreter-call.js';
import type { FinishReason, InterpreterWarning, TokenUsage } from './step-result.js';

/** A failure while running a step, as data. */
export interface TraceError {
  readonly message: string;
  /** True when trying the same call again may succeed (a timeout, a rate limit, a 5xx). */
  readonly isRetryable: boolean;
}

/** One prompt step of one sample: what was sent, what came back, and what it cost. */
export interface StepTrace {
  /** The step's name: `main` for a program's single prompt. */
  readonly name: string;
  readonly messages: readonly Message[];
  /** The text received; empty when the step failed. */
  readonly text: string;
  /** The parsed output for typed steps; the text otherwise (also when it could not be parsed). */
  readonly output: unknown;
  /** Why the text is not a value of the program's output type, when it is not. */
  readonly outputProblem?: string;
  readonly finishReason: FinishReason;
  readonly usage?: TokenUsage;
  /** Wall time of the call in milliseconds. Excluded from comparisons of runs. */
  readonly latencyMs: number;
  readonly warnings: readonly InterpreterWarning[];
  readonly error?: TraceError;
  /** True when the result came from the store's cache rather than from a call. */
  readonly cached?: boolean;
  /** Traces of programs this step called, for composed programs. */
  readonly children?: readonly Trace[];
}

/** The execution trace of one sample of one case: the program pushed through the interpreter at one seed. */
export interface Trace {
  readonly programName: string;
  /** Hash of what the interpreter sees (prompts, inputs, settings); verifiers and cases do not enter it. */
  readonly programHash: string;
  readonly interpreterId: string;
  readonly caseId: string;
  readonly sampleIndex: number;
  readonly seed: number;
  readonly settings: SamplingSettings;
  readonly steps: readonly StepTrace[];
}
