import { afterEach, expect, expectTypeOf, test } from 'vitest';
import type { McpServerDeclaration } from '../program/program.js';
import { McpServerError } from './mcp-server-error.js';
import { McpToolError } from './mcp-tool-error.js';
import type { McpServerLaunch } from './mcp-tool-server.js';
import { connectMcpServers, type McpToolServers } from './mcp-tool-servers.js';
import { fixtureLaunch, processesWithMarker } from './testing/fixture-launch.js';

const opened: McpToolServers[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((servers) => servers.close()));
});

/** What `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

test('serves the tools of several servers as one runtime, each call going to its server', async () => {
  const calc = fixtureLaunch('serve', { name: 'calc', tools: ['add', 'sum'] });
  const words = fixtureLaunch('serve', { name: 'words', tools: ['echo'] });
  const servers = await connectMcpServers([calc, words]);
  opened.push(servers);
  expect(servers.servers.map((server) => server.name)).toEqual(['calc', 'words']);
  expect(servers.definitions.map((definition) => definition.name)).toEqual(['add', 'sum', 'echo']);
  expect(await servers.call('add', { a: 1, b: 2 }, {})).toBe('3');
  expect(await servers.call('echo', { text: 'hello' }, {})).toBe('hello');
  const unknown = await rejection(servers.call('hang', {}, {}));
  expect(unknown).toBeInstanceOf(McpToolError);
  expect((unknown as McpToolError).message).toBe('No MCP server of the program serves a tool "hang".');

  await servers.close();
  expect([...processesWithMarker(calc.marker), ...processesWithMarker(words.marker)]).toEqual([]);
});

test('two servers serving a tool of the same name: an error, and both are stopped', async () => {
  const first = fixtureLaunch('serve', { name: 'first', tools: ['add', 'echo'] });
  const second = fixtureLaunch('serve', { name: 'second', tools: ['echo'] });
  const error = await rejection(connectMcpServers([first, second]));
  expect(error).toBeInstanceOf(McpServerError);
  expect((error as McpServerError).failure).toBe('tool-clash');
  expect((error as McpServerError).message).toBe(
    'MCP servers "first" and "second" both serve a tool "echo"; list it in the tools of only one of their mcp items.',
  );
  expect([...processesWithMarker(first.marker), ...processesWithMarker(second.marker)]).toEqual([]);
});

test('a server that fails to start stops the others, and its error is the one reported', async () => {
  const good = fixtureLaunch('serve', { name: 'good' });
  const bad = fixtureLaunch('exit-at-start', { name: 'bad' });
  const error = await rejection(connectMcpServers([good, bad]));
  expect(error).toBeInstanceOf(McpServerError);
  expect((error as McpServerError).server).toBe('bad');
  expect((error as McpServerError).failure).toBe('exited');
  expect([...processesWithMarker(good.marker), ...processesWithMarker(bad.marker)]).toEqual([]);
});

test('no servers: no tools, and closing is harmless', async () => {
  const servers = await connectMcpServers([]);
  expect(servers.definitions).toEqual([]);
  await servers.close();
});

test('a program’s mcp items are what connectMcpServers takes', () => {
  expectTypeOf<readonly McpServerDeclaration[]>().toExtend<readonly McpServerLaunch[]>();
});
