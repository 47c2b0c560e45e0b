import type { ToolRuntime } from '../contracts/tool-runtime.js';
import type { McpServerDeclaration } from '../program/program.js';
import { connectMcpServers } from '../tools/mcp-tool-servers.js';

/** The MCP servers of one program on one interpreter: started when first asked for, stopped by `close`. */
export interface McpToolsOfRun {
  /** Gives the engine the servers' tools, starting them on the first call; later calls (adaptive batches) share them. */
  readonly start: (servers: readonly McpServerDeclaration[], signal?: AbortSignal) => Promise<ToolRuntime>;
  /** Stops the servers, when they were started. */
  readonly close: () => Promise<void>;
}

/**
 * Starts a program's MCP servers once for its run, however many times the engine runs it (once, or once per batch
 * of adaptive sampling); the engine's own `close` of what it is given does nothing, and the runner stops the servers
 * when the program's run is over.
 */
export function mcpToolsOfRun(): McpToolsOfRun {
  let started: Promise<ToolRuntime & { close(): Promise<void> }> | undefined;
  return {
    start(servers, signal) {
      started ??= connectMcpServers(servers, signal ? { signal } : {});
      return started.then(({ definitions, call }) => ({ definitions, call }));
    },
    async close() {
      const running = await started?.catch(() => undefined);
      await running?.close();
    },
  };
}
