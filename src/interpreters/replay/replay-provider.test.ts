import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, cacheKeyPrefix, promptHash } from '../../contracts/cache-key.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import type { ProviderOptions } from '../../contracts/interpreter-provider.js';
import type { StepTrace } from '../../contracts/trace.js';
import { openRecordedRuns } from '../../store/open-recorded-runs.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { replayProvider } from './replay-provider.js';

const call: InterpreterCall = {
  messages: [{ role: 'user', content: 'Capital of France?' }],
  settings: { temperature: 0.5 },
  origin: { programName: 'p', caseId: 'fr' },
};
const step: StepTrace = {
  name: 'main',
  messages: call.messages,
  text: 'Paris',
  output: 'Paris',
  finishReason: 'stop',
  usage: { inputTokens: 40, outputTokens: 10, cachedInputTokens: 30, cacheWriteTokens: 5, reasoningTokens: 6 },
  latencyMs: 12,
  firstTokenMs: 7,
  warnings: [],
};

const lookup = { name: 'lookup', description: 'Look up an order', parameters: { type: 'object', properties: {} } };
/** A turn of an agent offered `lookup`, one call per turn. */
const agentTurn: InterpreterCall = {
  ...call,
  tools: [lookup],
  parallelToolCalls: false,
  origin: { ...call.origin, agent: { turn: 0 } },
};
const toolCalls = [{ id: 'c1', name: 'lookup', arguments: '{"id": "W1"' }];

/**
 * A store whose complete run r1 on sim:small recorded `step` for `call` with seed 7, and an agent's turn that
 * called `lookup` for `agentTurn` with seed 7, keyed by the tools offered as the engine keys them.
 */
function recordedStore(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'informal-replay-test-')), 'store.sqlite');
  const store = new SqliteStore(path);
  const run = { runId: 'r1', programName: 'p', interpreterId: 'sim:small' };
  store.startRun({ id: run.runId, command: { argv: ['test'], cwd: '/' } });
  store.startProgramRun({
    ...run,
    programFile: 'p.prog',
    programHash: 'h',
    baseSeed: 7,
    samplesPerCase: 1,
    planned: 1,
  });
  const prompt = promptHash(call.messages);
  const key = cacheKey(cacheKeyPrefix('sim:small', call.settings, prompt), 7);
  store.saveStep({ key, interpreterId: 'sim:small', seed: 7, promptHash: prompt, messages: call.messages, step });
  const turnPrompt = promptHash(call.messages, undefined, { tools: [lookup], parallelToolCalls: false });
  store.saveStep({
    key: cacheKey(cacheKeyPrefix('sim:small', call.settings, turnPrompt), 7),
    interpreterId: 'sim:small',
    seed: 7,
    promptHash: turnPrompt,
    messages: call.messages,
    step: { ...step, text: '', output: '', finishReason: 'tool-calls', toolCalls },
  });
  store.endProgramRun(run, 'complete');
  store.endRun(run.runId, 'complete');
  store.close();
  return path;
}

const options = (storePath: string): ProviderOptions => ({ env: {}, cwd: '/', storePath, openRecordedRuns });

describe('replayProvider', () => {
  it('answers a call with what the recorded run answered to it, and refuses one it did not record', async () => {
    const created = await replayProvider.create('latest', options(recordedStore()));
    if (!created.ok) throw new Error(created.error.message);
    const replay = created.interpreter;
    expect(replay.id).toBe('replay:r1');
    const tokens: string[] = [];
    const result = await replay.interpret(call, { seed: 7, onToken: (text) => tokens.push(text) });
    expect(result).toEqual({ text: 'Paris', finishReason: 'stop', usage: step.usage, firstTokenMs: 7, warnings: [] });
    expect(tokens).toEqual(['Paris']);
    await expect(replay.interpret(call, { seed: 8 })).rejects.toThrow(
      'run r1 recorded no sample of p, case "fr", seed 8',
    );
    await expect(replay.interpret({ ...call, settings: {} }, { seed: 7 })).rejects.toThrow('recorded no sample');
    await replay.close?.();
    await replay.close?.();
  });

  it("replays an agent's turn with its tool calls, found by the tools offered", async () => {
    const created = await replayProvider.create('latest', options(recordedStore()));
    if (!created.ok) throw new Error(created.error.message);
    const replay = created.interpreter;
    const tokens: string[] = [];
    const result = await replay.interpret(agentTurn, { seed: 7, onToken: (text) => tokens.push(text) });
    expect(result).toEqual({
      text: '',
      toolCalls,
      finishReason: 'tool-calls',
      usage: step.usage,
      firstTokenMs: 7,
      warnings: [],
    });
    expect(tokens).toEqual([]);
    // Other tools, or the same ones with several calls allowed, were not what the run was asked.
    const other = { ...lookup, description: 'Find an order' };
    await expect(replay.interpret({ ...agentTurn, tools: [other] }, { seed: 7 })).rejects.toThrow('recorded no sample');
    const parallel = { ...agentTurn, parallelToolCalls: true };
    await expect(replay.interpret(parallel, { seed: 7 })).rejects.toThrow('recorded no sample');
    // The call without tools still finds the plain step.
    expect((await replay.interpret(call, { seed: 7 })).toolCalls).toBeUndefined();
    await replay.close?.();
  });

  it('names the run and the interpreter it could not find', async () => {
    const path = recordedStore();
    expect(await replayProvider.create('r9', options(path))).toMatchObject({
      ok: false,
      error: { message: `no run r9 in ${path}`, hint: 'recent runs: r1' },
    });
    expect(await replayProvider.create('r1@sim:large', options(path))).toMatchObject({
      ok: false,
      error: { message: 'run r1 did not run on sim:large; it ran on sim:small', hint: 'replay:r1@sim:small' },
    });
  });

  it('needs a store, and a way to read it', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'informal-replay-test-')), 'none.sqlite');
    expect(await replayProvider.create('latest', options(missing))).toMatchObject({
      ok: false,
      error: { message: `no store to replay from at ${missing}` },
    });
    const { openRecordedRuns: _open, ...withoutReader } = options(recordedStore());
    expect(await replayProvider.create('latest', withoutReader)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no reader of recorded runs was given') },
    });
  });
});
