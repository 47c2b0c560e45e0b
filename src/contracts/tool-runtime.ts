import type { ToolDefinition } from './tool.js';

/** What a runtime tool is given besides its arguments: when to give up. */
export interface ToolRuntimeCallContext {
  /** Aborts when the run is stopped or the sample no longer needs the result; the call ends with an error. */
  readonly signal?: AbortSignal;
  /** The most milliseconds the call may take (the agent's `tool_timeout`); a longer call ends with an error. */
  readonly timeoutMs?: number;
}

/**
 * How a call of a runtime tool ended: its result (JSON, or a string sent as it is), or an error the interpreter is
 * told of and may recover from. Never thrown: a failing tool, a timeout or a server gone are all `error`.
 */
export type ToolRuntimeOutcome = { readonly result: unknown } | { readonly error: string };

/**
 * Tools that live outside the program's modules for the length of a run, such as those of an MCP server: their
 * definitions as the interpreter is shown them, a way to call them, and a way to release what they hold.
 */
export interface ToolRuntime {
  /** The tools offered, with their names, descriptions and JSON Schemas as the runtime declares them. */
  readonly definitions: readonly ToolDefinition[];
  /** Calls one of `definitions` with arguments already parsed from the model's JSON; never rejects. */
  call(
    name: string,
    args: Readonly<Record<string, unknown>>,
    context: ToolRuntimeCallContext,
  ): Promise<ToolRuntimeOutcome>;
  /** Releases the runtime (stops its processes); calls after it end with an error. Closing twice is harmless. */
  close(): Promise<void>;
}
