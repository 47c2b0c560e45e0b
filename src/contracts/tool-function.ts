/**
 * What a tool implemented in TypeScript is given besides its arguments: the sample's environment state (which it
 * may read and change), a signal that aborts when the tool's time is up or the run stops, and where it runs.
 */
export interface ToolContext<State = unknown> {
  /** The environment's state for this sample: created fresh from the case, changed only by tools. */
  readonly state: State;
  /** Aborts when the tool's timeout passes or the run is stopped: a tool that waits should give up on it. */
  readonly signal: AbortSignal;
  readonly caseId: string;
  /** The sample's seed, for tools that draw random values: the same seed gives the same trajectory. */
  readonly seed: number;
}

/**
 * A tool written in TypeScript, exported by a module that a `.prog` file imports (`import { lookup_order } from
 * "./tools.ts"` and `tool lookup_order(order_id: string) "…"`). It receives its arguments already parsed and
 * checked against the declared parameters. What it returns is sent to the interpreter as JSON (a string as it is);
 * what it throws is sent as a tool error the interpreter can read and recover from, and never stops the sample.
 */
export type ToolFunction<State = unknown> = (
  args: Readonly<Record<string, unknown>>,
  context: ToolContext<State>,
) => unknown;

/** The case an environment is created from: its id, its inputs and its reference value. */
export interface EnvironmentCase {
  readonly id: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly expected?: unknown;
}

/**
 * Creates a sample's environment state, fresh, from its case and seed (`environment create_store` in a `.prog`
 * file, with `create_store` imported from a TypeScript module). The state must be JSON: it is recorded in the trace
 * at the end of the sample and compared with the expected end state. The same case and seed must give the same
 * state, so that a resumed sample retraces its trajectory.
 */
export type EnvironmentFactory<State = unknown> = (
  testCase: EnvironmentCase,
  options: { readonly seed: number },
) => State | Promise<State>;
