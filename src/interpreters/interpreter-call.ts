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
}

/** What the engine asks an interpreter to run: one prompt step, fully rendered. */
export interface InterpreterCall {
  readonly messages: readonly Message[];
  readonly settings: SamplingSettings;
  readonly origin: CallOrigin;
}
