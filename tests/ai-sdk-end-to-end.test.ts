import { EventEmitter } from 'eventemitter3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvents } from '../src/contracts/run-events.js';
import { runProgram } from '../src/engine/run-program.js';
import { openaiCompatibleProvider } from '../src/interpreters/openai-compatible/index.js';
import { resolveInterpreter } from '../src/interpreters/resolve-interpreter.js';
import { compileProgram } from '../src/program/load-program.js';
import type { Program } from '../src/program/program.js';
import {
  type ChatCompletionRequest,
  type OpenAICompatibleServerOptions,
  useOpenAICompatibleServers,
} from './support/openai-compatible-server.js';

const source = `prog 1
program capitals
input country: string
prompt "Capital of {{ country }}? Answer with one word."
verify exact(expected)
case "fr" { country: "France" } -> "Paris"
case "jp" { country: "Japan" } -> "Tokyo"
sample 8 temperature 0.7 seed 3
`;
const program = compileProgram(source, 'capitals.prog').program as Program;

/** A model that knows the capital on even seeds only. */
function capitalOnEvenSeeds(request: ChatCompletionRequest): string {
  const prompt = String(request.messages?.at(-1)?.content ?? '');
  const right = prompt.includes('France') ? 'Paris' : 'Tokyo';
  return Number(request.seed) % 2 === 0 ? right : 'Lyon';
}

const serve = useOpenAICompatibleServers(afterEach);

async function interpreterOn(options: OpenAICompatibleServerOptions) {
  const server = await serve({ answer: capitalOnEvenSeeds, ...options });
  const resolved = await resolveInterpreter(
    'openai-compatible:test-model',
    { baseURL: server.url, cwd: process.cwd(), env: {} },
    [openaiCompatibleProvider],
  );
  if (!resolved.ok) throw new Error(resolved.error.message);
  return { server, interpreter: resolved.interpreter };
}

const evenSeeds = (run: Awaited<ReturnType<typeof runProgram>>, caseId: string) =>
  run.cases.find((caseRun) => caseRun.caseId === caseId)?.samples.filter((sample) => sample.seed % 2 === 0).length;

describe('openai-compatible end to end: resolveInterpreter, then runProgram on the loopback server', () => {
  it('passes exactly the samples whose seed the server answers right, streaming tokens', async () => {
    const { server, interpreter } = await interpreterOn({ latencyMs: 5 });
    const events = new EventEmitter<RunEvents>();
    const streamed = new Map<string, string>();
    events.on('token', ({ caseId, sampleIndex, text }) => {
      const key = `${caseId}/${sampleIndex}`;
      streamed.set(key, (streamed.get(key) ?? '') + text);
    });
    const run = await runProgram(program, { interpreter, concurrency: 4, events });

    expect(run.interpreterId).toBe('openai-compatible:test-model');
    for (const caseRun of run.cases) {
      expect(caseRun.samples).toHaveLength(8);
      for (const sample of caseRun.samples) {
        expect(sample.success).toBe(sample.seed % 2 === 0);
        expect(streamed.get(`${caseRun.caseId}/${sample.index}`)).toBe(sample.output);
        expect(sample.trace.steps[0]?.usage?.outputTokens).toBe(1);
      }
    }
    const passes = Object.fromEntries(
      run.cases.map((caseRun) => [caseRun.caseId, caseRun.samples.filter((sample) => sample.success).length]),
    );
    expect(passes).toEqual({ fr: evenSeeds(run, 'fr'), jp: evenSeeds(run, 'jp') });
    // Both outcomes occur, so the check above is not vacuous.
    expect(new Set(run.cases.flatMap((caseRun) => caseRun.samples.map((sample) => sample.success))).size).toBe(2);

    const sentSeeds = server.chatRequests().map((request) => request.seed);
    const sampleSeeds = run.cases.flatMap((caseRun) => caseRun.samples.map((sample) => sample.seed));
    expect([...sentSeeds].sort()).toEqual([...sampleSeeds].sort());
    expect(server.chatRequests().every((request) => request.temperature === 0.7 && request.stream === true)).toBe(true);
    expect(server.chatCount).toBe(16);
  });

  it('ends every failure mode in a retried success: 429, 500, 503, a hang, bad JSON, a cut stream, a reset', async () => {
    const { server, interpreter } = await interpreterOn({
      failures: [
        { type: 'status', status: 429, headers: { 'retry-after-ms': '10' } },
        { type: 'status', status: 500 },
        { type: 'status', status: 503, headers: { 'retry-after': '0' } },
        { type: 'hang' },
        { type: 'bad-json' },
        { type: 'cut', chunks: 2 },
        { type: 'reset' },
      ],
    });
    const run = await runProgram(program, {
      interpreter,
      concurrency: 2,
      retry: { retries: 8, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 400 },
    });
    const samples = run.cases.flatMap((caseRun) => caseRun.samples);
    expect(samples).toHaveLength(16);
    expect(samples.every((sample) => sample.trace.steps[0]?.error === undefined)).toBe(true);
    expect(samples.every((sample) => sample.success === (sample.seed % 2 === 0))).toBe(true);
    expect(server.chatCount).toBe(16 + 7);
  });

  it('records a non-retryable failure as an error score, without a crash', async () => {
    const { interpreter } = await interpreterOn({ failures: [{ type: 'status', status: 400 }] });
    const run = await runProgram(program, { interpreter, concurrency: 1 });
    const failed = run.cases.flatMap((caseRun) => caseRun.samples).filter((sample) => sample.score.status === 'error');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.trace.steps[0]?.error).toMatchObject({ isRetryable: false });
  });
});
