// Client CPU benchmark (issue 7): the process CPU that 2,000 chat calls at concurrency 64 cost on the client side,
// against the latency benchmark's loopback server answering at once (0 ms) in a worker thread, so that the
// server's own work is not counted. Three clients, each run `--repetitions` times in turn:
// - `interpreter`: the `openai-compatible:` interpreter as users get it, through resolveInterpreter;
// - `ai-sdk`: the AI SDK path the provider used before (`@ai-sdk/openai-compatible`'s `doGenerate` over node:http);
// - `bare`: one `http.request` and one `JSON.parse` per call, the floor for a client in this process.
// The figure per client is the lowest CPU of its repetitions (the least disturbed by other processes); the wall
// times are printed too. One JSON line on stdout, progress on stderr.
// Run: npm run bench:client-cpu [-- --calls 2000 --concurrency 64 --repetitions 3]
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { InterpreterCall } from '../src/contracts/interpreter-call.js';
import { createAiSdkInterpreter } from '../src/interpreters/ai-sdk/ai-sdk-interpreter.js';
import { createNodeHttpFetch } from '../src/interpreters/ai-sdk/node-http-fetch.js';
import { resolveInterpreter } from '../src/interpreters/resolve-interpreter.js';
import { startServerThread } from './latency/bench-server.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '64' },
    repetitions: { type: 'string', default: '3' },
  },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const repetitions = Number(values.repetitions);

const server = await startServerThread();
const url = await server.start(0);

/** Runs `calls` calls of `one`, `concurrency` at a time, as the engine's workers do. */
async function pool(one: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) await one(next++);
    }),
  );
}

const call = (index: number): InterpreterCall => ({
  messages: [{ role: 'user', content: `Repeat the word w${index % 20}.` }],
  settings: {},
  origin: { programName: 'client-cpu', caseId: `c${index % 20}` },
});

/** One client: how to make a call, and how to release what it holds. */
interface Client {
  readonly name: string;
  interpret(index: number): Promise<string>;
  close(): Promise<void>;
}

async function interpreterClient(): Promise<Client> {
  const resolved = await resolveInterpreter('openai-compatible:test-model', { baseURL: url, env: {} });
  if (!resolved.ok) throw new Error(`${resolved.error.message} (${resolved.error.hint})`);
  const { interpreter } = resolved;
  return {
    name: 'interpreter',
    interpret: async (index) => (await interpreter.interpret(call(index), { seed: index })).text,
    close: async () => interpreter.close?.(),
  };
}

function aiSdkClient(): Client {
  const transport = createNodeHttpFetch();
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: url,
    includeUsage: true,
    supportsStructuredOutputs: true,
    fetch: transport.fetch,
  });
  const interpreter = createAiSdkInterpreter(provider.chatModel('test-model'), {
    id: 'openai-compatible:test-model',
    description: 'the AI SDK path',
    baseURL: url,
    close: transport.close,
  });
  return {
    name: 'ai-sdk',
    interpret: async (index) => (await interpreter.interpret(call(index), { seed: index })).text,
    close: async () => interpreter.close?.(),
  };
}

function bareClient(): Client {
  const agent = new Agent({ keepAlive: true });
  return {
    name: 'bare',
    interpret: (index) =>
      new Promise<string>((resolve, reject) => {
        const body = JSON.stringify({ model: 'test-model', messages: call(index).messages, seed: index });
        const outgoing = request(
          `${url}/chat/completions`,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (incoming) => {
            let data = '';
            incoming.setEncoding('utf8');
            incoming.on('data', (part: string) => {
              data += part;
            });
            incoming.on('end', () => resolve(JSON.parse(data).choices[0].message.content));
            incoming.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      }),
    close: async () => agent.destroy(),
  };
}

interface Measure {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly load1: number;
}

async function measure(client: Client): Promise<Measure> {
  const load1 = loadavg()[0] as number;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await pool(async (index) => {
    const text = await client.interpret(index);
    if (text !== `w${index % 20}`) throw new Error(`${client.name}: call ${index} answered ${JSON.stringify(text)}`);
  });
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (performance.now() - started) / 1000, load1 };
}

const makers: Record<string, () => Client | Promise<Client>> = {
  interpreter: interpreterClient,
  'ai-sdk': aiSdkClient,
  bare: bareClient,
};
const results: Record<string, Measure[]> = Object.fromEntries(Object.keys(makers).map((name) => [name, []]));
const log = (text: string) => process.stderr.write(`${text}\n`);
log(`client CPU: ${calls} calls at concurrency ${concurrency}, server in a worker thread answering at once`);
// A warm-up round per client loads the modules and fills the connection pools; it is not counted.
for (let round = 0; round <= repetitions; round++) {
  for (const [name, make] of Object.entries(makers)) {
    const client = await make();
    const result = await measure(client);
    await client.close();
    if (round === 0) continue;
    results[name]?.push(result);
    log(
      `${name.padEnd(11)} round ${round}: cpu ${result.cpuSeconds.toFixed(3)} s, wall ${result.wallSeconds.toFixed(3)} s, load ${result.load1.toFixed(2)}`,
    );
  }
}
await server.close();

const fixed = (value: number, digits = 3) => Number(value.toFixed(digits));
console.log(
  JSON.stringify({
    benchmark: 'client-cpu',
    node: process.version,
    calls,
    concurrency,
    repetitions,
    clients: Object.fromEntries(
      Object.entries(results).map(([name, measures]) => [
        name,
        {
          minCpuSeconds: fixed(Math.min(...measures.map((entry) => entry.cpuSeconds))),
          cpuSeconds: measures.map((entry) => fixed(entry.cpuSeconds)),
          wallSeconds: measures.map((entry) => fixed(entry.wallSeconds)),
          load1: measures.map((entry) => fixed(entry.load1, 2)),
        },
      ]),
    ),
  }),
);
