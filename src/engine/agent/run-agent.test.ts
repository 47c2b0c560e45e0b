import { join } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempFolder } from '../../../tests/support/temp-folder.js';
import { cacheKey, cacheKeyPrefix, promptHash } from '../../contracts/cache-key.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import type { RunEvents } from '../../contracts/run-events.js';
import type { EnvironmentFactory, ToolFunction } from '../../contracts/tool-function.js';
import type { AgentTrace, StepTrace, TurnTrace } from '../../contracts/trace.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { mixToUint31 } from '../../util/stable-hash.js';
import { runProgram } from '../run-program.js';
import {
  agentProgram,
  answer,
  callsTools,
  environment,
  functionTool,
  scriptedInterpreter,
} from './testing/agent-program.js';

type Orders = Record<string, { status: string; reason?: string }>;
interface Shop {
  orders: Orders;
}

const createShop: EnvironmentFactory<Shop> = () => ({
  orders: { W1: { status: 'pending' }, W2: { status: 'shipped' } },
});

const lookupOrder: ToolFunction<Shop> = (args, { state }) => {
  const id = args.order_id as string;
  if (!Object.hasOwn(state.orders, id)) throw new Error(`no order ${JSON.stringify(id)}`);
  return state.orders[id];
};

const cancelOrder: ToolFunction<Shop> = (args, { state }) => {
  const id = args.order_id as string;
  const order = Object.hasOwn(state.orders, id) ? state.orders[id] : undefined;
  if (!order) throw new Error(`no order ${JSON.stringify(id)}`);
  if (order.status !== 'pending') throw new Error(`order ${id} is ${order.status}, not pending`);
  order.status = 'cancelled';
  order.reason = args.reason as string;
  return { ok: true };
};

const source = `prog 1
program support
input request: string
system "You are the support agent of a shop."
prompt "{{ request }}"
verify length({ min: 1 })
case "c1" { request: "Please cancel W1." } -> { actions: [{ tool: "cancel_order", arguments: { order_id: "W1", reason: "mistake" } }] }
sample 2 seed 7
`;

function shopProgram(settings: Parameters<typeof agentProgram>[1]['settings'] = {}) {
  return agentProgram(source, {
    environment: environment('create_shop', createShop as EnvironmentFactory),
    tools: [
      functionTool('lookup_order', { order_id: z.string() }, lookupOrder as ToolFunction),
      functionTool('cancel_order', { order_id: z.string(), reason: z.string() }, cancelOrder as ToolFunction),
    ],
    settings,
  });
}

/** The model of a shop agent that knows its job: looks the order up, cancels it, says so. */
function shopModel(call: InterpreterCall) {
  const turn = call.origin.agent?.turn ?? -1;
  if (turn === 0) return callsTools(0, [['lookup_order', '{"order_id":"W1"}']]);
  if (turn === 1) return callsTools(1, [['cancel_order', '{"order_id":"W1","reason":"mistake"}']], 'Cancelling.');
  return answer('Your order W1 is cancelled.');
}

function firstStep(run: Awaited<ReturnType<typeof runProgram>>, sample = 0): StepTrace {
  const step = run.cases[0]?.samples[sample]?.trace.steps[0];
  if (!step) throw new Error('no step');
  return step;
}

function trajectory(step: StepTrace): AgentTrace {
  if (!step.agent) throw new Error('no trajectory');
  return step.agent;
}

/** A trajectory without what differs between a run and its replay (latencies, cache marks). */
function comparable(turns: readonly TurnTrace[]) {
  return turns.map((turn) => {
    const { latencyMs: _latency, ...rest } = turn as TurnTrace & { cached?: boolean };
    if ('cached' in rest) delete (rest as { cached?: boolean }).cached;
    return rest;
  });
}

describe('an agent step', () => {
  it('calls the model turn after turn with the tools, runs the tools on the environment, and records the trajectory', async () => {
    const model = scriptedInterpreter(shopModel);
    const seeds: number[] = [];
    const counted = {
      ...model,
      interpret: (call: InterpreterCall, options: { seed: number }) => {
        seeds.push(options.seed);
        return model.interpret(call, options);
      },
    };
    const run = await runProgram(shopProgram(), { interpreter: counted, concurrency: 1 });
    const sample = run.cases[0]?.samples[0];
    const step = firstStep(run);
    const agent = trajectory(step);
    expect(agent.ended).toBe('answer');
    expect(agent.modelTurns).toBe(3);
    expect(agent.turns.map((turn) => turn.kind)).toEqual(['model', 'tool', 'model', 'tool', 'model']);
    expect(agent.turns[1]).toMatchObject({ kind: 'tool', name: 'lookup_order', result: { status: 'pending' } });
    expect(agent.turns[3]).toMatchObject({ kind: 'tool', name: 'cancel_order', result: { ok: true } });
    expect(agent.state).toEqual({
      orders: { W1: { status: 'cancelled', reason: 'mistake' }, W2: { status: 'shipped' } },
    });
    expect(agent.expectedState).toEqual(agent.state);
    expect(step.text).toBe('Your order W1 is cancelled.');
    expect(step.output).toBe('Your order W1 is cancelled.');
    expect(step.finishReason).toBe('stop');
    expect(step.usage).toEqual({ inputTokens: 30, outputTokens: 15 });
    expect(step.messages.map((message) => message.role)).toEqual(['system', 'user']);

    // Each turn sees the conversation so far, the tools, and the case's reference actions.
    const calls = model.calls.slice(0, 3);
    expect(calls.map((call) => call.origin.agent?.turn)).toEqual([0, 1, 2]);
    expect(calls[0]?.tools?.map((tool) => tool.name)).toEqual(['lookup_order', 'cancel_order']);
    expect(calls[0]?.origin.agent?.actions).toEqual([
      { tool: 'cancel_order', arguments: { order_id: 'W1', reason: 'mistake' } },
    ]);
    expect(calls[2]?.messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(calls[2]?.messages[3]).toEqual({
      role: 'tool',
      content: '{"status":"pending"}',
      toolCallId: 'call-0-0',
      toolName: 'lookup_order',
    });
    // Turn 0 keeps the step's seed (the sample's); later turns mix the turn in.
    const sampleSeed = sample?.seed as number;
    expect(seeds.slice(0, 3)).toEqual([sampleSeed, mixToUint31(sampleSeed, 1), mixToUint31(sampleSeed, 2)]);
  });

  it("keeps each model turn's time to the first token, and sums the parts of the turns' usage into the step's", async () => {
    const model = scriptedInterpreter((call) => {
      const turn = call.origin.agent?.turn ?? -1;
      return {
        ...shopModel(call),
        usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4, reasoningTokens: turn },
        firstTokenMs: 100 + turn,
      };
    });
    const step = firstStep(await runProgram(shopProgram(), { interpreter: model, concurrency: 1 }));
    const modelTurns = trajectory(step).turns.flatMap((turn) => (turn.kind === 'model' ? [turn] : []));
    expect(modelTurns.map((turn) => turn.firstTokenMs)).toEqual([100, 101, 102]);
    expect(step.usage).toEqual({ inputTokens: 30, outputTokens: 15, cachedInputTokens: 12, reasoningTokens: 3 });
  });

  it('is answered from the store when run again: every turn cached, the tools re-run, the trajectory identical', async () => {
    const path = join(tempFolder(), 'store.sqlite');
    const program = shopProgram();
    const first = new SqliteStore(path);
    const runKey = { runId: 'r1', programName: program.name, interpreterId: 'script:agent' };
    first.startRun({ id: 'r1', command: { argv: [], cwd: '.' } });
    first.startProgramRun({
      ...runKey,
      programFile: program.file,
      programHash: program.hash,
      baseSeed: 7,
      samplesPerCase: 2,
      planned: 2,
    });
    const model = scriptedInterpreter(shopModel);
    const run = await runProgram(program, { interpreter: model, store: first, runId: 'r1' });
    expect(model.calls).toHaveLength(6);
    const stored = [...first.readSamples(runKey)];
    expect(stored).toHaveLength(2);
    expect(stored[0]?.complete).toBe(true);
    expect(stored[0]?.steps[0]?.agent).toEqual(firstStep(run).agent);
    // Turn 0 is stored under the protocol's key: the conversation and the tools offered, at the sample's seed.
    const sent = model.calls[0] as InterpreterCall;
    const offered = { tools: sent.tools ?? [], toolChoice: 'auto' as const, parallelToolCalls: true };
    const prefix = cacheKeyPrefix('script:agent', {}, promptHash(sent.messages, undefined, offered));
    const seed = run.cases[0]?.samples.find((sample) => sample.index === 0)?.seed as number;
    expect(first.findStep(cacheKey(prefix, seed))?.toolCalls).toEqual([
      { id: 'call-0-0', name: 'lookup_order', arguments: '{"order_id":"W1"}' },
    ]);
    first.close();

    const again = new SqliteStore(path);
    again.startRun({ id: 'r2', command: { argv: [], cwd: '.' } });
    again.startProgramRun({
      ...runKey,
      runId: 'r2',
      programFile: program.file,
      programHash: program.hash,
      baseSeed: 7,
      samplesPerCase: 2,
      planned: 2,
    });
    const silent = scriptedInterpreter(() => {
      throw new Error('a cached turn was asked again');
    });
    const rerun = await runProgram(program, { interpreter: silent, store: again, runId: 'r2' });
    again.close();
    expect(silent.calls).toHaveLength(0);
    for (const index of [0, 1]) {
      const before = trajectory(firstStep(run, index));
      const after = trajectory(firstStep(rerun, index));
      expect(after.turns.filter((turn) => turn.kind === 'model').every((turn) => turn.cached === true)).toBe(true);
      expect(comparable(after.turns)).toEqual(comparable(before.turns));
      expect(after.ended).toBe(before.ended);
      expect(after.state).toEqual(before.state);
      expect(after.expectedState).toEqual(before.expectedState);
      expect(firstStep(rerun, index).cached).toBe(true);
    }
  });

  it('ends at max_turns when the model never stops calling tools', async () => {
    const model = scriptedInterpreter((call) =>
      callsTools(call.origin.agent?.turn ?? 0, [['lookup_order', '{"order_id":"W2"}']]),
    );
    const run = await runProgram(shopProgram({ maxTurns: 4 }), { interpreter: model });
    const agent = trajectory(firstStep(run));
    expect(agent.ended).toBe('max-turns');
    expect(agent.modelTurns).toBe(4);
    expect(agent.turns).toHaveLength(8);
  });

  it('ends at max_tokens once the turns used more tokens than allowed', async () => {
    const model = scriptedInterpreter((call) =>
      callsTools(call.origin.agent?.turn ?? 0, [['lookup_order', '{"order_id":"W2"}']]),
    );
    // Each turn uses 15 tokens: past 40 after the third.
    const run = await runProgram(shopProgram({ maxTotalTokens: 40 }), { interpreter: model });
    const agent = trajectory(firstStep(run));
    expect(agent.ended).toBe('max-tokens');
    expect(agent.modelTurns).toBe(3);
  });

  it('ends as error, with the step error, when the interpreter fails: the run goes on', async () => {
    const model = scriptedInterpreter((call) => {
      if ((call.origin.agent?.turn ?? 0) === 1)
        throw Object.assign(new Error('HTTP 400 bad request'), { isRetryable: false });
      return callsTools(0, [['lookup_order', '{"order_id":"W1"}']]);
    });
    const run = await runProgram(shopProgram(), { interpreter: model });
    expect(run.cases[0]?.samples).toHaveLength(2);
    const step = firstStep(run);
    const agent = trajectory(step);
    expect(agent.ended).toBe('error');
    expect(agent.modelTurns).toBe(2);
    expect(step.error?.message).toContain('HTTP 400 bad request');
    expect(agent.turns.at(-1)).toMatchObject({
      kind: 'model',
      error: { message: expect.stringContaining('HTTP 400') },
    });
    expect(run.cases[0]?.samples[0]?.success).toBe(false);
  });

  it('emits a step-end event for each model turn', async () => {
    const events = new EventEmitter<RunEvents>();
    const ends: string[] = [];
    events.on('step-end', (event) => ends.push(`${event.sampleIndex}:${event.stepName}`));
    await runProgram(shopProgram(), { interpreter: scriptedInterpreter(shopModel), events });
    expect(ends.sort()).toEqual(['0:main', '0:main', '0:main', '1:main', '1:main', '1:main']);
  });

  it('says why when the environment cannot be created, without calling the model', async () => {
    const program = agentProgram(source, {
      environment: environment('broken', () => {
        throw new Error('no database');
      }),
    });
    const model = scriptedInterpreter(shopModel);
    const run = await runProgram(program, { interpreter: model });
    const step = firstStep(run);
    expect(step.error?.message).toBe('the environment broken failed: no database');
    expect(trajectory(step)).toMatchObject({ ended: 'error', modelTurns: 0 });
    expect(model.calls).toHaveLength(0);
  });
});
