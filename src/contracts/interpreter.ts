import type { InterpreterCall } from './interpreter-call.js';
import type { StepResult } from './step-result.js';

/** Per-call options that are not part of the prompt: the sample's seed and a way to cancel. */
export interface InterpretOptions {
  /** The sample's seed. The same seed with the same call gives the same result on a deterministic backend. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  /** Called with each piece of text as it streams in, when the interpreter streams. */
  readonly onToken?: (text: string) => void;
}

/**
 * A stochastic interpreter of prompt programs: a model behind some backend. The engine knows interpreters
 * only through this contract.
 */
export interface Interpreter {
  /** The id users type, in the registry form `provider:model`, such as `sim:large`. */
  readonly id: string;
  /**
   * True when the interpreter answers in this process without I/O, in microseconds (the simulator): the engine
   * then spends no timer on a per-call timeout.
   */
  readonly instant?: boolean;
  /**
   * The most calls this interpreter works on at once, when it has such a limit (llama.cpp: its context's sequences).
   * The engine then runs no more calls at once: more would only queue inside the interpreter, with the wait counted
   * against each call's timeout.
   */
  readonly maxConcurrentCalls?: number;
  /** A short human description, such as "simulator (profile large)", for reports. */
  readonly description: string;
  /**
   * Runs one rendered step. Rejects only for failures of the backend (preferably as an `InterpreterError`),
   * never for a setting it ignores: that is a warning in the result.
   */
  interpret(call: InterpreterCall, options: InterpretOptions): Promise<StepResult>;
  /** Releases what the interpreter holds (a loaded model, open connections). Safe to call twice. */
  close?(): Promise<void>;
}
