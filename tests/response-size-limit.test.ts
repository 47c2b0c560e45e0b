/**
 * A server that answers without end: each call stops reading at its interpreter's limit, its sample is an error
 * that says so, memory stays bounded, and `informal test` ends with its exit code and the run recorded as ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Interpreter } from '../src/contracts/interpreter.js';
import { InterpreterError } from '../src/contracts/interpreter-error.js';
import { openaiProvider } from '../src/interpreters/ai-sdk/openai-provider.js';
import { createOpenAICompatibleInterpreter } from '../src/interpreters/openai-compatible/index.js';
import { capitalCall } from './support/capital-call.js';
import { closeAfterEach } from './support/close-after-each.js';
import { type FloodingServer, startFloodingServer } from './support/flooding-server.js';
import { programFolder } from './support/report-programs.js';
import { runCli, runCliAsync } from './support/run-cli.js';
import { generatedProgram } from './support/temp-folder.js';

const servers: FloodingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const flood = async () => {
  const server = await startFloodingServer();
  servers.push(server);
  return server;
};
const closedAfterTheTest = closeAfterEach(afterEach);
const megabytes = 1024 * 1024;

/** The error a call rejects with, with the growth of this process's resident memory while it ran. */
async function failedCall(interpreter: Interpreter, streams: boolean) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    await interpreter.interpret(capitalCall(), { seed: 1, ...(streams ? { onToken: () => {} } : {}) });
  } catch (error) {
    return { error, growth: Math.max(peak, process.memoryUsage().rss) - before };
  } finally {
    clearInterval(sampler);
  }
  throw new Error('the call succeeded');
}

describe.each([
  { path: 'a JSON answer', streams: false },
  { path: 'server-sent events', streams: true },
])('an answer of 600 MB, as $path', ({ streams }) => {
  it('stops the openai-compatible client at its limit with an error that is not retried', async () => {
    const server = await flood();
    const interpreter = closedAfterTheTest(
      createOpenAICompatibleInterpreter({ model: 'm', baseURL: server.url, maxResponseBytes: 16 * megabytes }),
    );
    const { error, growth } = await failedCall(interpreter, streams);
    expect(error).toBeInstanceOf(InterpreterError);
    expect(error).toMatchObject({ kind: 'bad-response', isRetryable: false });
    expect((error as Error).message).toContain('sent a response larger than 16 MB');
    expect(growth).toBeLessThan(300 * megabytes);
    const [sent] = await server.answersEnded(1);
    // The server could write what the socket buffers hold beyond the limit, and no more.
    expect(sent).toBeLessThan(100 * megabytes);
  });

  it('stops an openai: interpreter (AI SDK) at the limit its settings give', async () => {
    const server = await flood();
    const created = await openaiProvider.create('gpt-4o-mini', {
      cwd: process.cwd(),
      env: { OPENAI_API_KEY: 'test-key-for-the-flood' },
      settings: { baseURL: server.url, maxResponseBytes: 4 * megabytes },
    });
    if (!created.ok) throw new Error(created.error.message);
    const interpreter = closedAfterTheTest(created.interpreter);
    const { error, growth } = await failedCall(interpreter, streams);
    expect(error).toMatchObject({ kind: 'bad-response', isRetryable: false });
    expect((error as Error).message).toMatch(/^openai:gpt-4o-mini \(.*\) sent a response larger than 4 MB/);
    expect(growth).toBeLessThan(300 * megabytes);
    const [sent] = await server.answersEnded(1);
    expect(sent).toBeLessThan(100 * megabytes);
    expect(server.requests).toBe(1);
  });
});

describe('informal test against an answer without end', { timeout: 120_000 }, () => {
  it('records each sample as an error naming the limit, ends the run and exits 2 (nothing could be judged)', async () => {
    const server = await flood();
    const { folder, store } = programFolder({
      'echo.prog': generatedProgram('echo', 1, 2),
      'informal.config.mjs': `export default {
        interpreters: { flood: { id: 'openai-compatible:m', baseURL: '${server.url}', settings: { maxResponseBytes: ${2 * megabytes} } } },
      };`,
    });
    const test = await runCliAsync(['test', 'echo.prog', '--interpreter', 'flood', '--store', store], { cwd: folder });
    expect(test.status, test.stdout + test.stderr).toBe(2);
    expect(test.stdout + test.stderr).toContain('sent a response larger than 2 MB');
    // Not retried: one request per sample.
    expect(server.requests).toBe(2);
    const runs = JSON.parse(runCli(['runs', '--store', store, '--json'], { cwd: folder }).stdout);
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0].status).not.toBe('running');
  });
});
