// A real MCP server over stdio, built with the official SDK, for the tests of src/tools.
// Usage: node mcp-fixture-server.mjs [serve | exit-at-start | silent] [--marker=…]
// (the marker is ignored: tests find the processes they started by it)
//   serve          serves the tools below (the default)
//   exit-at-start  writes a complaint (naming its key) to stderr and exits 1 before answering anything
//   silent         reads stdin and never answers: a server that hangs on initialize
//   chatty         prints a log line on stdout instead of stderr, then exits
//   stubborn       serves, but stays when its stdin closes and ignores SIGTERM: only SIGKILL stops it
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const mode = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'serve';

if (mode === 'exit-at-start') {
  process.stderr.write('starting the weather server\n');
  process.stderr.write(`refused key ${process.env.WEATHER_API_KEY ?? '(none)'}: quota exceeded\n`);
  process.exit(1);
} else if (mode === 'chatty') {
  process.stdout.write('hello from the weather server\n');
  process.exitCode = 1;
} else if (mode === 'silent') {
  process.stderr.write('waiting for nothing\n');
  process.stdin.resume();
} else {
  if (mode === 'stubborn') {
    process.on('SIGTERM', () => process.stderr.write('ignoring SIGTERM\n'));
    setInterval(() => {}, 60_000);
  }
  const server = new McpServer({ name: 'fixture', version: '1.0.0' });

  server.registerTool(
    'add',
    { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );

  server.registerTool(
    'echo',
    { description: 'Says the text back', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );

  server.registerTool(
    'sum',
    {
      description: 'Sums a list, as structured content',
      inputSchema: { values: z.array(z.number()) },
      outputSchema: { total: z.number(), count: z.number() },
    },
    async ({ values }) => {
      const structured = { total: values.reduce((a, b) => a + b, 0), count: values.length };
      return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
    },
  );

  server.registerTool('picture', { description: 'A caption and a tiny image' }, async () => ({
    content: [
      { type: 'text', text: 'a red dot' },
      { type: 'image', data: Buffer.from('not really a png').toString('base64'), mimeType: 'image/png' },
    ],
  }));

  server.registerTool('throws', { description: 'Throws' }, async () => {
    throw new Error('the tool broke');
  });

  server.registerTool(
    'fails',
    { description: 'Reports an error', inputSchema: { order_id: z.string() } },
    async ({ order_id }) => ({
      isError: true,
      content: [{ type: 'text', text: `no such order: ${order_id}` }],
    }),
  );

  server.registerTool('hang', { description: 'Never answers' }, async () => new Promise(() => {}));

  // The client's cancellations, counted as they arrive (before any message sent after them).
  let cancelled = 0;
  server.registerTool('cancellations', { description: 'How many calls the client cancelled' }, async () => ({
    content: [{ type: 'text', text: String(cancelled) }],
  }));

  server.registerTool('crash', { description: 'Exits in the middle of the call' }, async () => {
    process.stderr.write(`fatal: out of cheese (token ${process.env.WEATHER_API_KEY ?? '(none)'})\n`);
    process.exit(3);
  });

  server.registerTool('leak', { description: 'Says its key' }, async () => ({
    content: [{ type: 'text', text: `my key is ${process.env.WEATHER_API_KEY ?? '(none)'}` }],
  }));

  server.registerTool(
    'where',
    { description: 'Its folder and whether it sees the parent process secrets' },
    async () => ({
      content: [
        {
          type: 'text',
          text: JSON.stringify({ cwd: process.cwd(), parentSecret: process.env.FIXTURE_PARENT_SECRET ?? null }),
        },
      ],
    }),
  );

  const transport = new StdioServerTransport();
  await server.connect(transport);
  const handle = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (message.method === 'notifications/cancelled') cancelled += 1;
    handle?.(message, extra);
  };
}
