/**
 * Why an MCP server could not be used: its command could not be started, it exited before it answered, it did not
 * answer in time, starting it was stopped, it lacks a tool the program lists, it serves a tool another server of the
 * program serves too, or it broke the protocol.
 */
export type McpServerFailure =
  | 'not-started'
  | 'exited'
  | 'timeout'
  | 'stopped'
  | 'missing-tools'
  | 'tool-clash'
  | 'protocol';

/**
 * An MCP server that could not be started or asked for its tools. The message names the server, says what went
 * wrong and what to check, and ends with the server's last lines on stderr; values of the server's environment are
 * masked everywhere in it.
 */
export class McpServerError extends Error {
  override readonly name = 'McpServerError';

  constructor(
    /** The server's name, as its `mcp` item gives it. */
    readonly server: string,
    readonly failure: McpServerFailure,
    message: string,
    /** The server's last lines on stderr, oldest first, with secrets masked; empty when it wrote none. */
    readonly stderr: readonly string[] = [],
  ) {
    super(
      stderr.length === 0
        ? message
        : `${message}\nIts last lines on stderr:\n${stderr.map((line) => `  ${line}`).join('\n')}`,
    );
  }
}
