import type { ToolDefinition } from './tool.js';

/** Where a tool call served by a runtime runs: the sample it belongs to, and a signal that aborts when its time is up. */
export interface ToolRuntimeContext {
  /** Aborts when the call's timeout passes or the run is stopped; the runtime should cancel the call on it. */
  readonly signal: AbortSignal;
  readonly caseId: string;
  /** The sample's seed. */
  readonly seed: number;
}

/**
 * Tools served outside the program, such as those of the MCP servers a program declares (`mcp weather { … }`),
 * started for a run. The engine offers `definitions` to the interpreter beside the program's own tools and calls
 * `call` with arguments it has parsed from the model's JSON (an object; the runtime checks them against its
 * schemas). What `call` resolves to is sent to the interpreter as JSON (a string as it is); a rejection is a tool
 * error the interpreter reads, never a crash.
 */
export interface ToolRuntime {
  /** The tools offered, with their names as the interpreter sees them. */
  readonly definitions: readonly ToolDefinition[];
  call(name: string, args: Readonly<Record<string, unknown>>, context: ToolRuntimeContext): Promise<unknown>;
  /** Stops what the runtime started (its servers) once the run is over. Safe to call twice. */
  close?(): Promise<void>;
}
