import type { ToolDefinition } from '../contracts/tool.js';
import type { ToolRuntime } from '../contracts/tool-runtime.js';
import { McpServerError } from './mcp-server-error.js';
import { McpToolError } from './mcp-tool-error.js';
import {
  connectMcpServer,
  type McpCallOptions,
  type McpConnectOptions,
  type McpServerLaunch,
  type McpToolServer,
} from './mcp-tool-server.js';

/**
 * The MCP servers of a program, running for a run: one `ToolRuntime` over all their tools, each call sent to the
 * server that offers the tool.
 */
export interface McpToolServers extends ToolRuntime {
  /** The servers, in the order of their declarations. */
  readonly servers: readonly McpToolServer[];
  /** Calls the tool on its server; rejects with an `McpToolError` (see `McpToolServer.call`). */
  call(name: string, args: Readonly<Record<string, unknown>>, options?: McpCallOptions): Promise<unknown>;
  /** Stops every server and waits until their processes are gone. Closing twice is harmless. */
  close(): Promise<void>;
}

/**
 * Starts a program's MCP servers (its `mcp` items) at once and gathers their tools, in the order of the
 * declarations. When a server fails to start, or two servers offer a tool of the same name, the servers that started
 * are stopped and the promise rejects with an `McpServerError` (the first server's to fail, in declaration order).
 */
export async function connectMcpServers(
  declarations: readonly McpServerLaunch[],
  options: McpConnectOptions = {},
): Promise<McpToolServers> {
  const started = await Promise.allSettled(declarations.map((declaration) => connectMcpServer(declaration, options)));
  const servers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  const closeAll = async () => {
    await Promise.all(servers.map((server) => server.close()));
  };
  if (failed) {
    await closeAll();
    throw failed.reason;
  }

  const owners = new Map<string, McpToolServer>();
  const definitions: ToolDefinition[] = [];
  for (const server of servers) {
    for (const definition of server.definitions) {
      const owner = owners.get(definition.name);
      if (owner) {
        await closeAll();
        throw new McpServerError(
          server.name,
          'tool-clash',
          `MCP servers "${owner.name}" and "${server.name}" both serve a tool "${definition.name}"; list it in the ` +
            'tools of only one of their mcp items.',
        );
      }
      owners.set(definition.name, server);
      definitions.push(definition);
    }
  }

  let closing: Promise<void> | undefined;
  return {
    servers,
    definitions,
    async call(name, args, callOptions: McpCallOptions = {}): Promise<unknown> {
      const owner = owners.get(name);
      if (!owner) throw new McpToolError('', name, `No MCP server of the program serves a tool "${name}".`);
      return owner.call(name, args, callOptions);
    },
    close(): Promise<void> {
      closing ??= closeAll();
      return closing;
    },
  };
}
