/** One chat message sent to an interpreter. */
export interface Message {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** Sampling settings of a call. A setting left out means the interpreter's default. */
export interface SamplingSettings {
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
}

/**
 * Identifies what a call belongs to. Real interpreters must ignore it; the simulator uses it to decide a
 * case's difficulty and what a right answer looks like.
 */
export interface CallOrigin {
  readonly programName: string;
  readonly caseId: string;
  /** The case's reference value, when it has one. */
  readonly expected?: unknown;
  /** Other cases' reference values (a few), from which the simulator draws answers to the wrong question. */
  readonly otherAnswers?: readonly unknown[];
  /** Set when the call asks a judge to score an output: the judge's name and the output judged. */
  readonly judge?: { readonly name: string; readonly output: unknown };
}

/**
 * A request for JSON that follows a schema (a typed output). Interpreters that support structured output pass it
 * on (the AI SDK's structured output, a JSON grammar for llama.cpp); the engine validates the text either way.
 */
export interface ResponseFormat {
  readonly type: 'json';
  /** A JSON Schema object, as `z.toJSONSchema` produces. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly name?: string;
}

/** What the engine asks an interpreter to run: one prompt step, fully rendered. */
export interface InterpreterCall {
  readonly messages: readonly Message[];
  readonly settings: SamplingSettings;
  readonly responseFormat?: ResponseFormat;
  readonly origin: CallOrigin;
}
