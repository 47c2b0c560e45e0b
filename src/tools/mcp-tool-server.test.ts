import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { ToolRuntime } from '../contracts/tool-runtime.js';
import { McpServerError } from './mcp-server-error.js';
import { McpToolError } from './mcp-tool-error.js';
import { connectMcpServer, type McpToolServer } from './mcp-tool-server.js';
import { fixtureKey, fixtureLaunch, processesWithMarker } from './testing/fixture-launch.js';

const opened: McpToolServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function serve(fields: Parameters<typeof fixtureLaunch>[1] = {}) {
  const launch = fixtureLaunch('serve', fields);
  const server = await connectMcpServer(launch);
  opened.push(server);
  return { server, marker: launch.marker };
}

/** The error `promise` rejects with, which must be an `McpServerError`. */
async function failure(promise: Promise<unknown>): Promise<McpServerError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(McpServerError);
  return error as McpServerError;
}

/** The message of the `McpToolError` that `promise` rejects with, after checking the server and tool it names. */
async function toolError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(McpToolError);
  expect((error as McpToolError).server).toBe('weather');
  return (error as McpToolError).message;
}

describe('connectMcpServer: tools', () => {
  test('lists the server’s tools with their descriptions and JSON Schemas', async () => {
    const { server } = await serve();
    expect(server.definitions.map((definition) => definition.name)).toEqual([
      'add',
      'echo',
      'sum',
      'picture',
      'throws',
      'fails',
      'hang',
      'cancellations',
      'crash',
      'leak',
      'where',
    ]);
    expect(server.definitions[0]).toMatchObject({
      name: 'add',
      description: 'Adds two numbers',
      parameters: {
        type: 'object',
        properties: { a: { type: 'number' }, b: { type: 'number' } },
        required: ['a', 'b'],
      },
    });
  });

  test('offers only the tools the declaration lists, in its order', async () => {
    const { server } = await serve({ tools: ['echo', 'add'] });
    expect(server.definitions.map((definition) => definition.name)).toEqual(['echo', 'add']);
    expect(await server.call('echo', { text: 'hi' }, {})).toEqual('hi');
    expect(await toolError(server.call('sum', { values: [1] }, {}))).toBe('MCP server "weather" offers no tool "sum".');
  });

  test('a listed tool the server lacks is an error naming the server, the tool and the tools it has', async () => {
    const launch = fixtureLaunch('serve', { tools: ['add', 'ech', 'forecast'] });
    const error = await failure(connectMcpServer(launch));
    expect(error.failure).toBe('missing-tools');
    expect(error.server).toBe('weather');
    expect(error.message).toBe(
      'MCP server "weather" has no tool "ech" (did you mean "echo"?), "forecast"; it has add, echo, sum, picture, ' +
        'throws, fails, hang, cancellations, crash, leak, where. Fix the tools of its mcp item.',
    );
    expect(processesWithMarker(launch.marker)).toEqual([]);
  });

  test('calls tools: text, structured content and mixed parts', async () => {
    const { server } = await serve();
    expect(await server.call('add', { a: 2, b: 3 }, {})).toEqual('5');
    expect(await server.call('sum', { values: [1, 2, 4] }, {})).toEqual({ total: 7, count: 3 });
    expect(await server.call('picture', {}, {})).toEqual([
      'a red dot',
      { type: 'image', mimeType: 'image/png', bytes: 16 },
    ]);
  });

  test('calls of one server may run at once, each getting its own result', async () => {
    const { server } = await serve();
    const outcomes = await Promise.all([1, 2, 3, 4].map((a) => server.call('add', { a, b: 10 }, {})));
    expect(outcomes).toEqual(['11', '12', '13', '14']);
  });

  test('a tool that throws, one that reports an error and bad arguments are tool errors', async () => {
    const { server } = await serve();
    expect(await toolError(server.call('throws', {}, {}))).toBe('the tool broke');
    expect(await toolError(server.call('fails', { order_id: 'W9' }, {}))).toBe('no such order: W9');
    expect(await toolError(server.call('add', { a: 'two' }, {}))).toMatch(
      /Invalid arguments for tool add: Invalid input: expected number, received string at a/,
    );
    // The server goes on serving after each of them.
    expect(await server.call('add', { a: 1, b: 1 }, {})).toEqual('2');
  });

  test('a call that takes longer than its timeout is aborted and is a tool error; the server goes on', async () => {
    const { server } = await serve();
    expect(await toolError(server.call('hang', {}, { timeoutMs: 50 }))).toBe(
      'The tool "hang" of MCP server "weather" did not answer within 50 ms.',
    );
    // The server was told to cancel it: the cancellation went before this call, on the same stream.
    expect(await server.call('cancellations', {}, {})).toBe('1');
  });

  test('a call whose signal aborts ends at once with an error (the engine’s context, a signal alone)', async () => {
    const { server } = await serve();
    const runtime: ToolRuntime = server;
    const controller = new AbortController();
    const call = runtime.call('hang', {}, { signal: controller.signal, caseId: 'c1', seed: 7 });
    controller.abort();
    expect(await toolError(call)).toBe('The call of "hang" was stopped.');
    expect(await server.call('cancellations', {}, {})).toBe('1');
  });

  test('a server that exits during a call: the call is an error with its last stderr lines, later calls too', async () => {
    const { server, marker } = await serve();
    const pid = server.pid;
    expect(pid).toBeGreaterThan(0);
    expect(await toolError(server.call('crash', {}, {}))).toBe(
      'MCP server "weather" exited during the call of "crash". Its last lines on stderr:\nfatal: out of cheese (token ***)',
    );
    expect(await toolError(server.call('add', { a: 1, b: 2 }, {}))).toBe(
      'MCP server "weather" is no longer running; "add" cannot be called.',
    );
    expect(server.pid).toBeUndefined();
    expect(processesWithMarker(marker)).toEqual([]);
  });
});

describe('connectMcpServer: environment and secrets', () => {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'informal-mcp-')));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('runs in its folder, without the keys of this process', async () => {
    process.env.FIXTURE_PARENT_SECRET = 'parent-secret-value-1234';
    try {
      const { server } = await serve({ cwd: folder });
      const where = await server.call('where', {}, {});
      expect(JSON.parse(where as string)).toEqual({ cwd: folder, parentSecret: null });
    } finally {
      delete process.env.FIXTURE_PARENT_SECRET;
    }
  });

  test('a relative path in its arguments is found in its folder, as in a .prog file’s mcp item', async () => {
    const launch = fixtureLaunch('serve');
    const script = launch.args?.[0] as string;
    const server = await connectMcpServer({
      ...launch,
      cwd: dirname(script),
      args: [`./${basename(script)}`, ...(launch.args?.slice(1) ?? [])],
    });
    opened.push(server);
    expect(JSON.parse((await server.call('where', {}, {})) as string)).toMatchObject({
      cwd: realpathSync(dirname(script)),
    });
  });

  test('values of the server’s environment are masked in its results', async () => {
    const { server } = await serve();
    expect(await server.call('leak', {}, {})).toEqual('my key is ***');
  });
});

describe('connectMcpServer: servers that do not start', () => {
  test('a command that does not exist', async () => {
    const error = await failure(connectMcpServer({ name: 'weather', command: 'informal-no-such-command' }));
    expect(error.failure).toBe('not-started');
    expect(error.message).toBe(
      'MCP server "weather" could not be started: the command "informal-no-such-command" was not found; check that ' +
        'it is installed and on PATH.',
    );
  });

  test('a folder that does not exist', async () => {
    const missing = join(tmpdir(), 'informal-mcp-no-such-folder');
    const error = await failure(connectMcpServer(fixtureLaunch('serve', { cwd: missing })));
    expect(error.failure).toBe('not-started');
    expect(error.message).toBe(`MCP server "weather" could not be started: its folder ${missing} does not exist.`);
  });

  test('a server that exits at start: its last stderr lines, with its key masked', async () => {
    const launch = fixtureLaunch('exit-at-start');
    const error = await failure(connectMcpServer(launch));
    expect(error.failure).toBe('exited');
    expect(error.stderr).toEqual(['starting the weather server', 'refused key ***: quota exceeded']);
    expect(error.message).toBe(
      'MCP server "weather" exited before it was ready.\nIts last lines on stderr:\n' +
        '  starting the weather server\n  refused key ***: quota exceeded',
    );
    expect(error.message).not.toContain(fixtureKey);
    expect(processesWithMarker(launch.marker)).toEqual([]);
  });

  test('a server that prints on stdout what is not the protocol: the message says so', async () => {
    const error = await failure(connectMcpServer(fixtureLaunch('chatty')));
    expect(error.failure).toBe('exited');
    expect(error.message).toMatch(
      /^MCP server "weather" exited before it was ready\. It wrote to stdout what is not a protocol message \(.*hello from.*\); a server logs on stderr only\.$/,
    );
  });

  test('a server that never answers initialize: a timeout, and the process is stopped', async () => {
    const launch = fixtureLaunch('silent');
    const error = await failure(connectMcpServer(launch, { connectTimeoutMs: 100 }));
    expect(error.failure).toBe('timeout');
    expect(error.message).toMatch(/^MCP server "weather" did not answer within 100 ms of starting; check that /);
    expect(processesWithMarker(launch.marker)).toEqual([]);
  });

  test('a start whose signal aborts', async () => {
    const launch = fixtureLaunch('silent');
    const controller = new AbortController();
    const connecting = connectMcpServer(launch, { signal: controller.signal });
    controller.abort();
    const error = await failure(connecting);
    expect(error.failure).toBe('stopped');
    expect(error.message).toMatch(/^Starting MCP server "weather" was stopped\./);
    expect(processesWithMarker(launch.marker)).toEqual([]);
  });
});

describe('McpToolServer.close', () => {
  test('stops the process; closing twice is harmless; calls after it are errors', async () => {
    const { server, marker } = await serve();
    const pid = server.pid;
    expect(processesWithMarker(marker)).toEqual([pid]);
    await server.close();
    await server.close();
    expect(processesWithMarker(marker)).toEqual([]);
    expect(() => process.kill(pid as number, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    expect(await toolError(server.call('add', { a: 1, b: 2 }, {}))).toBe('MCP server "weather" is closed.');
  });

  test('kills a server that stays when its stdin closes and ignores SIGTERM', async () => {
    const launch = fixtureLaunch('stubborn');
    const server = await connectMcpServer(launch);
    opened.push(server);
    expect(await server.call('add', { a: 1, b: 1 }, {})).toBe('2');
    await server.close();
    expect(processesWithMarker(launch.marker)).toEqual([]);
  });

  test('stops a server in the middle of a call, which ends with an error', async () => {
    const { server, marker } = await serve();
    const call = server.call('hang', {}, { timeoutMs: 600_000 });
    await server.close();
    expect(await toolError(call)).toBe('MCP server "weather" was closed during the call of "hang".');
    expect(processesWithMarker(marker)).toEqual([]);
  });
});
