import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type CallToolResult, ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from '../contracts/tool.js';
import type { ToolRuntime } from '../contracts/tool-runtime.js';
import { suggest } from '../lang/suggest.js';
import { redactKnownSecretsDeep, redactSecrets } from '../util/redact-secrets.js';
import { McpServerError } from './mcp-server-error.js';
import { McpToolError } from './mcp-tool-error.js';
import { type McpToolOutcome, mcpToolOutcome } from './mcp-tool-outcome.js';
import { StderrTail } from './stderr-tail.js';

/**
 * How to start an MCP server over stdio: the fields of a program's `mcp` item (`McpServerDeclaration` has them all).
 */
export interface McpServerLaunch {
  /** The server's name, used in every message about it. */
  readonly name: string;
  readonly command: string;
  readonly args?: readonly string[];
  /**
   * Variables added to the server's environment, which otherwise holds only `HOME`, `LOGNAME`, `PATH`, `SHELL`,
   * `TERM` and `USER`: the keys of this process are not passed on. The values are masked in every message and
   * result that comes from the server.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** The folder the server runs in; this process's when absent. */
  readonly cwd?: string;
  /** The tools offered, in this order; all the server lists when absent. */
  readonly tools?: readonly string[];
}

/** How long starting a server may take. */
export interface McpConnectOptions {
  /** Stops the start: the server is closed and `connectMcpServer` rejects. */
  readonly signal?: AbortSignal;
  /** The most milliseconds the server may take to answer `initialize` and to list its tools; 30 s by default. */
  readonly connectTimeoutMs?: number;
}

/** When a call of an MCP tool gives up. The engine's `ToolRuntimeContext` is one (its signal aborts on timeout). */
export interface McpCallOptions {
  /** Aborts the call: the server is told to cancel it, and the call rejects. */
  readonly signal?: AbortSignal;
  /**
   * The most milliseconds the call may take. Without it, a call with a signal waits until the signal aborts, and one
   * without waits 60 s.
   */
  readonly timeoutMs?: number;
}

/**
 * A running MCP server whose tools are offered to an agent. `call` resolves to the tool's result and rejects with an
 * `McpToolError` whose message the interpreter is shown; it never hangs past its signal or timeout.
 */
export interface McpToolServer extends ToolRuntime {
  readonly name: string;
  /** The server's process id, while it runs. */
  readonly pid: number | undefined;
  call(name: string, args: Readonly<Record<string, unknown>>, options?: McpCallOptions): Promise<unknown>;
  /** Stops the server and waits until its process is gone; calls after it reject. Closing twice is harmless. */
  close(): Promise<void>;
}

const defaultConnectTimeoutMs = 30_000;
/** A call with neither a timeout nor a signal gets this one, so that no call waits for ever. */
const defaultCallTimeoutMs = 60_000;
/** The longest timer Node.js keeps: the limit of a call whose signal decides when it ends. */
const longestTimerMs = 2 ** 31 - 1;
/** How long a server that was told to stop may take to exit before it is killed. */
const exitGraceMs = 5_000;
/** How long to wait for the last stderr lines of a server that failed. */
const stderrGraceMs = 1_000;
/** The most pages of `tools/list` read: a server that pages for ever is broken. */
const maxToolPages = 100;

/** The SDK's transport, remembering the process id, which it forgets once the process is told to stop. */
class RememberingTransport extends StdioClientTransport {
  startedPid: number | undefined;

  override async start(): Promise<void> {
    await super.start();
    this.startedPid = this.pid ?? undefined;
  }
}

/**
 * Starts an MCP server over stdio, as its `mcp` item declares it, and asks it for its tools. Resolves when the
 * server has answered `initialize` and listed its tools; rejects with an `McpServerError` (naming the server, saying
 * why and ending with its last lines on stderr) when the command cannot be started, the server exits, does not answer
 * within `connectTimeoutMs`, the signal aborts, or it lacks a listed tool. A server that failed is stopped before the
 * promise rejects. The server's stderr is kept (the last few thousand characters), never printed.
 */
export async function connectMcpServer(
  declaration: McpServerLaunch,
  options: McpConnectOptions = {},
): Promise<McpToolServer> {
  const server = declaration.name;
  const secrets = Object.values(declaration.env ?? {});
  const tail = new StderrTail();
  const transport = new RememberingTransport({
    command: declaration.command,
    args: [...(declaration.args ?? [])],
    env: { ...declaration.env },
    cwd: declaration.cwd,
    stderr: 'pipe',
  });
  tail.attach(transport.stderr as Readable | null);
  let exited = false;
  let markExited: () => void = () => {};
  const exit = new Promise<void>((resolve) => {
    markExited = resolve;
  });
  // The client chains its own handler after this one.
  transport.onclose = () => {
    exited = true;
    markExited();
  };
  // A line on stdout that is not a protocol message (often a log line printed there instead of on stderr) is skipped
  // by the SDK; the first one is kept, to explain a server that then seems not to answer.
  let noise: string | undefined;
  transport.onerror = (error) => {
    if (noise === undefined && (error instanceof SyntaxError || error.name === 'ZodError')) {
      noise = redactSecrets(error.message, secrets).slice(0, 300);
    }
  };
  const client = new Client({ name: 'informal', version: '1.0.0' });
  const stderrLines = async (): Promise<string[]> => {
    await tail.settled(stderrGraceMs);
    return tail.lines().map((line) => redactSecrets(line, secrets));
  };

  const exitedWithin = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const done = await Promise.race([exit.then(() => true), late]);
    clearTimeout(timer);
    return done;
  };
  /** Stops the server and waits until its process is gone. */
  const stop = async (): Promise<void> => {
    await client.close().catch(() => {});
    const pid = transport.startedPid;
    if (pid === undefined || exited) return;
    if (await exitedWithin(exitGraceMs)) return;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return; // Gone already.
    }
    await exitedWithin(exitGraceMs);
  };

  const timeout = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  let listed: Tool[];
  try {
    await client.connect(transport, { signal: options.signal, timeout });
    listed = await listAllTools(client, { signal: options.signal, timeout });
  } catch (error) {
    await stop();
    const state = { exited, aborted: options.signal?.aborted === true, timeout, secrets, noise };
    throw startFailure(declaration, error, state, await stderrLines());
  }

  let definitions: ToolDefinition[];
  try {
    // Descriptions and schemas reach prompts and traces: a value of the server's environment must not.
    definitions = redactKnownSecretsDeep(offeredTools(declaration, listed), secrets);
  } catch (error) {
    await stop();
    throw error;
  }
  const offered = new Set(definitions.map((definition) => definition.name));

  let closing: Promise<void> | undefined;
  const callFailure = async (name: string, error: unknown, options: McpCallOptions, timeoutMs: number) => {
    const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
    if (options.signal?.aborted) return `The call of "${name}" was stopped.`;
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return `The tool "${name}" of MCP server "${server}" did not answer within ${timeoutMs} ms.`;
    }
    if (closing) return `MCP server "${server}" was closed during the call of "${name}".`;
    if (exited || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) {
      const lines = await stderrLines();
      const stderr = lines.length === 0 ? '' : ` Its last lines on stderr:\n${lines.join('\n')}`;
      return `MCP server "${server}" exited during the call of "${name}".${stderr}`;
    }
    return `The call of "${name}" on MCP server "${server}" failed: ${message}`;
  };

  return {
    name: server,
    get pid() {
      return exited ? undefined : transport.startedPid;
    },
    definitions,
    async call(name, args, options: McpCallOptions = {}): Promise<unknown> {
      const fail = (message: string) => new McpToolError(server, name, message);
      if (!offered.has(name)) throw fail(`MCP server "${server}" offers no tool "${name}".`);
      if (closing) throw fail(`MCP server "${server}" is closed.`);
      if (exited) throw fail(`MCP server "${server}" is no longer running; "${name}" cannot be called.`);
      const timeoutMs = options.timeoutMs ?? (options.signal ? longestTimerMs : defaultCallTimeoutMs);
      let outcome: McpToolOutcome;
      try {
        const result = await client.callTool({ name, arguments: { ...args } }, undefined, {
          signal: options.signal,
          timeout: timeoutMs,
        });
        // A server of the protocol's first version answers with `toolResult` alone.
        outcome = 'content' in result ? mcpToolOutcome(result as CallToolResult) : { result: result.toolResult };
      } catch (error) {
        throw fail(await callFailure(name, error, options, timeoutMs));
      }
      if ('error' in outcome) throw fail(redactSecrets(outcome.error, secrets));
      return redactKnownSecretsDeep(outcome.result, secrets);
    },
    close(): Promise<void> {
      closing ??= stop();
      return closing;
    },
  };
}

/** Every tool the server lists, page after page. */
async function listAllTools(client: Client, options: { signal?: AbortSignal; timeout: number }): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxToolPages; page++) {
    const listed = await client.listTools(cursor === undefined ? undefined : { cursor }, options);
    tools.push(...listed.tools);
    cursor = listed.nextCursor;
    if (cursor === undefined) break;
  }
  return tools;
}

/** The definitions of the tools offered: those the declaration lists, in its order, or all the server has. */
function offeredTools(declaration: McpServerLaunch, listed: readonly Tool[]): ToolDefinition[] {
  const byName = new Map(listed.map((tool) => [tool.name, tool]));
  const wanted = declaration.tools ?? listed.map((tool) => tool.name);
  const missing = wanted.filter((name) => !byName.has(name));
  if (missing.length > 0) {
    const names = listed.map((tool) => tool.name);
    const each = missing.map((name) => {
      const near = suggest(name, names);
      return near === undefined ? `"${name}"` : `"${name}" (did you mean "${near}"?)`;
    });
    const has = names.length === 0 ? 'it lists no tools' : `it has ${names.join(', ')}`;
    throw new McpServerError(
      declaration.name,
      'missing-tools',
      `MCP server "${declaration.name}" has no tool ${each.join(', ')}; ${has}. Fix the tools of its mcp item.`,
    );
  }
  return wanted.map((name) => {
    const tool = byName.get(name) as Tool;
    return { name: tool.name, description: tool.description ?? tool.title ?? '', parameters: tool.inputSchema };
  });
}

/** The error for a server that did not start, from what the SDK threw and what is known of the process. */
function startFailure(
  declaration: McpServerLaunch,
  error: unknown,
  state: { exited: boolean; aborted: boolean; timeout: number; secrets: readonly string[]; noise?: string },
  stderr: readonly string[],
): McpServerError {
  const server = declaration.name;
  const noise =
    state.noise === undefined
      ? ''
      : ` It wrote to stdout what is not a protocol message (${state.noise}); a server logs on stderr only.`;
  const code = (error as { code?: unknown } | undefined)?.code;
  const detail = redactSecrets(error instanceof Error ? error.message : String(error), state.secrets);
  if (typeof code === 'string') {
    // The spawn itself failed: no process ran.
    const folderMissing = declaration.cwd !== undefined && !existsSync(declaration.cwd);
    const why = folderMissing
      ? `its folder ${declaration.cwd} does not exist`
      : code === 'ENOENT'
        ? `the command "${declaration.command}" was not found; check that it is installed and on PATH`
        : `the command "${declaration.command}" could not be run (${code})`;
    return new McpServerError(server, 'not-started', `MCP server "${server}" could not be started: ${why}.`, stderr);
  }
  if (state.aborted)
    return new McpServerError(server, 'stopped', `Starting MCP server "${server}" was stopped.`, stderr);
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
    return new McpServerError(
      server,
      'timeout',
      `MCP server "${server}" did not answer within ${state.timeout} ms of starting; check that "${declaration.command}" is an MCP server that speaks over stdio.${noise}`,
      stderr,
    );
  }
  if (state.exited || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) {
    return new McpServerError(server, 'exited', `MCP server "${server}" exited before it was ready.${noise}`, stderr);
  }
  return new McpServerError(
    server,
    'protocol',
    `MCP server "${server}" could not be started: ${detail}${noise}`,
    stderr,
  );
}
