import type { Message, SamplingSettings } from './interpreter-call.js';
import type { FinishReason, InterpreterWarning, TokenUsage } from './step-result.js';
import type { ToolCall } from './tool.js';

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
  /** Milliseconds from the call's start to its first streamed output, when the interpreter measured it. */
  readonly firstTokenMs?: number;
  readonly warnings: readonly InterpreterWarning[];
  readonly error?: TraceError;
  /** True when the result came from the store's cache rather than from a call. */
  readonly cached?: boolean;
  /** Traces of programs this step called, for composed programs. */
  readonly children?: readonly Trace[];
  /** The tools the interpreter asked to call in this call, for one turn of an agent (as cached). */
  readonly toolCalls?: readonly ToolCall[];
  /** For an agent step (a program with tools or a simulated user): the whole trajectory. */
  readonly agent?: AgentTrace;
}

/**
 * One turn of a trajectory: the interpreter's (text and tool calls), one tool call's result, or a message of the
 * simulated user.
 */
export type TurnTrace =
  | {
      readonly kind: 'model';
      readonly text: string;
      readonly toolCalls: readonly ToolCall[];
      readonly finishReason: FinishReason;
      readonly usage?: TokenUsage;
      readonly latencyMs: number;
      /** Milliseconds from the call's start to its first streamed output, when the interpreter measured it. */
      readonly firstTokenMs?: number;
      readonly warnings: readonly InterpreterWarning[];
      readonly error?: TraceError;
      readonly cached?: boolean;
    }
  | {
      readonly kind: 'tool';
      /** The id of the call this answers. */
      readonly callId: string;
      readonly name: string;
      /** The parsed arguments; the text as written when it was not JSON. */
      readonly arguments: unknown;
      /** What the tool returned, as JSON; absent when it failed. */
      readonly result?: unknown;
      /** Why the call failed: unknown tool, arguments not of the declared types, a throw, a timeout. */
      readonly error?: string;
      readonly latencyMs: number;
      /** Set when the tool ran another program: that program's trace. */
      readonly child?: Trace;
    }
  | {
      readonly kind: 'user';
      /** What the simulated user said. */
      readonly text: string;
      readonly usage?: TokenUsage;
      readonly latencyMs: number;
      readonly error?: TraceError;
      readonly cached?: boolean;
    };

/**
 * How a trajectory ended: `answer` (the interpreter answered without a tool call and, with a simulated user, the user
 * said the stop text), or the limit it hit, or `error` (an interpreter call failed after its retries).
 */
export type AgentEnd = 'answer' | 'max-turns' | 'max-tokens' | 'user-max-turns' | 'error';

/** The trajectory of an agent step: its turns in order, how it ended, and the environment's state. */
export interface AgentTrace {
  readonly turns: readonly TurnTrace[];
  readonly ended: AgentEnd;
  /** The number of the interpreter's turns (its calls). */
  readonly modelTurns: number;
  /** The environment's state at the end, when the program has an environment. */
  readonly state?: unknown;
  /**
   * The state the case's reference actions leave a fresh environment in, when the case has actions: a trajectory
   * succeeded (τ-bench's test) when `state` equals it.
   */
  readonly expectedState?: unknown;
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
