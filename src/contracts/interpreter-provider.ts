import type { Interpreter } from './interpreter.js';
import type { OpenRecordedRuns } from './recorded-runs.js';

/** A failure to set up an interpreter, as data: what is wrong and how to fix it. */
export interface InterpreterSetupError {
  readonly message: string;
  readonly hint: string;
}

export type ResolveInterpreterResult =
  | { readonly ok: true; readonly interpreter: Interpreter }
  | { readonly ok: false; readonly error: InterpreterSetupError };

/** What a provider may use to set up an interpreter, besides the model's name. */
export interface ProviderOptions {
  /** The endpoint, for providers that talk to a server (`--base-url`, or `baseURL` in the config). */
  readonly baseURL?: string;
  /** Where keys come from: the process environment, or a given map in tests. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths (such as a GGUF file) are read from. */
  readonly cwd: string;
  /** The run's SQLite store, for providers that read recorded samples (`replay:`). */
  readonly storePath?: string;
  /** Opens a store's recorded runs read-only, for providers that answer from them (`replay:`); the runner gives it. */
  readonly openRecordedRuns?: OpenRecordedRuns;
  /** Provider-specific settings from the config, such as `threads` for `llama`. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * One kind of backend, by the prefix of its ids: `sim` in `sim:large`, `openai` in `openai:gpt-4o-mini`.
 * `create` checks everything it can before any sample runs (keys, files, packages) and reports problems as data.
 */
export interface InterpreterProvider {
  readonly name: string;
  /** One line for help texts, such as "OpenAI models through the AI SDK (OPENAI_API_KEY)". */
  readonly summary: string;
  create(model: string, options: ProviderOptions): Promise<ResolveInterpreterResult>;
  /**
   * Checks a model's name without setting anything up (no keys, files or servers), for `informal check`: a problem
   * for a name this provider can never serve, such as an unknown simulator profile. Absent when any name may do.
   */
  checkModel?(model: string): InterpreterSetupError | undefined;
}
