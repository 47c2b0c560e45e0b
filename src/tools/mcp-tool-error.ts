/**
 * A call of an MCP tool that did not give a result: the tool reported an error (`isError`), refused its arguments,
 * threw, took longer than its timeout, was stopped, or its server exited or was closed. The message is meant for the
 * interpreter that made the call (the engine sends it as a tool error); values of the server's environment are
 * masked in it.
 */
export class McpToolError extends Error {
  override readonly name = 'McpToolError';

  constructor(
    /** The server's name, as its `mcp` item gives it; empty when no server serves the tool. */
    readonly server: string,
    /** The tool called. */
    readonly tool: string,
    message: string,
  ) {
    super(message);
  }
}
