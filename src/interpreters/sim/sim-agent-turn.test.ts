import { describe, expect, it } from 'vitest';
import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import type { ReferenceAction } from '../../contracts/tool.js';
import { mixToUint31 } from '../../util/stable-hash.js';
import { agentProgress } from './sim-agent-progress.js';
import { createSimInterpreter } from './sim-interpreter.js';
import { type SimProfile, simProfiles } from './sim-profile.js';
import { retailTools } from './testing/retail-store.js';
import { followedActions, runSimTrajectory, type SimTrajectory } from './testing/run-sim-trajectory.js';

const profile = (name: string) => simProfiles[name] as SimProfile;
const actions: readonly ReferenceAction[] = [
  { tool: 'lookup_order', arguments: { order_id: 'W1' } },
  { tool: 'lookup_order', arguments: { order_id: 'W2' } },
  { tool: 'cancel_order', arguments: { order_id: 'W1', reason: 'ordered by mistake' } },
];
const expected = { actions, answer: 'Order W1 is cancelled.' };
const prompt = 'Look up my orders W1 and W2, then cancel W1: I ordered it by mistake.';
const run = (name: string, caseId: string, seed: number, extra: object = {}) =>
  runSimTrajectory(createSimInterpreter(profile(name)), { caseId, seed, actions, expected, prompt, ...extra });

/** The agent's turns, each with the progress it started from. */
function turnsOf(trajectory: SimTrajectory) {
  return trajectory.messages.flatMap((message, index) =>
    message.role === 'assistant' ? [{ message, before: trajectory.messages.slice(0, index) }] : [],
  );
}

type Kind = 'right' | 'parallel' | 'wrong-tool' | 'wrong-arguments' | 'give-up' | 'loop' | 'answer';

/** What kind of turn it was, judged from outside: against the next reference action and the previous call. */
function kindOf(message: Extract<Message, { role: 'assistant' }>, before: readonly Message[]): Kind {
  const progress = agentProgress(before, actions);
  const next = actions[progress.done];
  const calls = message.toolCalls ?? [];
  const [first] = calls;
  if (!first) return next === undefined ? 'answer' : 'give-up';
  if (calls.length > 1) return 'parallel';
  if (next && first.name === next.tool && first.arguments === JSON.stringify(next.arguments)) return 'right';
  if (progress.lastCall && first.name === progress.lastCall.name && first.arguments === progress.lastCall.arguments)
    return 'loop';
  return next && first.name === next.tool ? 'wrong-arguments' : 'wrong-tool';
}

describe('the simulated agent', () => {
  it('gives the same trajectory for the same case and seed, across instances, and others for other seeds', async () => {
    const trajectories = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const caseId = `c${seed % 6}`;
      const [a, b] = await Promise.all([run('medium', caseId, seed), run('medium', caseId, seed)]);
      expect(b.messages).toEqual(a.messages);
      trajectories.add(JSON.stringify(a.messages));
    }
    expect(trajectories.size).toBeGreaterThan(3);
  });

  it('follows all actions more often for a larger profile, each within its band', async () => {
    const rates: Record<string, number> = {};
    for (const name of ['small', 'medium', 'large']) {
      let followed = 0;
      for (let index = 0; index < 40; index++) {
        for (let seed = 0; seed < 25; seed++) {
          if (followedActions(await run(name, `case-${index}`, seed), actions)) followed++;
        }
      }
      rates[name] = followed / 1000;
    }
    // Measured on these 40 cases × 25 seeds: small 0.288, medium 0.729, large 0.909.
    expect(rates.small).toBeGreaterThan(0.1);
    expect(rates.small).toBeLessThan(0.45);
    expect(rates.medium).toBeGreaterThan(0.5);
    expect(rates.medium).toBeLessThan(0.85);
    expect(rates.large).toBeGreaterThan(0.75);
    expect(rates.large).toBeLessThan(0.97);
    expect(rates.small as number).toBeLessThan(rates.medium as number);
    expect(rates.medium as number).toBeLessThan(rates.large as number);
  });

  it('errs in every way agents err, and after a tool error usually makes the right call', async () => {
    const kinds = new Map<Kind, number>();
    let afterError = 0;
    let rightAfterError = 0;
    for (let index = 0; index < 20; index++) {
      for (let seed = 0; seed < 20; seed++) {
        for (const { message, before } of turnsOf(await run('medium', `case-${index}`, seed))) {
          const kind = kindOf(message, before);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          if (agentProgress(before, actions).lastFailed) {
            afterError++;
            if (kind === 'right' || kind === 'parallel') rightAfterError++;
          }
        }
      }
    }
    for (const kind of ['right', 'parallel', 'wrong-tool', 'wrong-arguments', 'give-up', 'loop', 'answer'] as const) {
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(5);
    }
    expect(afterError).toBeGreaterThan(30);
    // Refused twice, the agent stops instead: a few turns after an error are not retries.
    expect(rightAfterError / afterError).toBeGreaterThan(0.6);
  });

  it('retries after a tool error more surely than it acts, and more surely for a larger profile', async () => {
    const failedOnce: Message[] = [
      { role: 'user', content: prompt },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_0_0', name: 'lookup_order', arguments: '{"order_id":"W11"}' }],
      },
      { role: 'tool', content: 'no order W11', toolCallId: 'call_0_0', toolName: 'lookup_order', isError: true },
    ];
    const rightRate = async (name: string, messages: Message[]) => {
      const interpreter = createSimInterpreter(profile(name));
      let right = 0;
      for (let index = 0; index < 300; index++) {
        const call: InterpreterCall = {
          messages,
          settings: {},
          tools: retailTools,
          origin: { programName: 'retail', caseId: `case-${index % 30}`, agent: { turn: 1, actions } },
        };
        const result = await interpreter.interpret(call, { seed: index });
        if (result.toolCalls?.[0]?.arguments === '{"order_id":"W1"}') right++;
      }
      return right / 300;
    };
    const small = await rightRate('small', failedOnce);
    const large = await rightRate('large', failedOnce);
    expect(small).toBeGreaterThan(await rightRate('small', failedOnce.slice(0, 1)));
    expect(large).toBeGreaterThan(small);
    expect(large).toBeGreaterThan(0.9);
  });

  it('calls independent actions together only when parallel calls are allowed', async () => {
    let parallel = 0;
    for (let seed = 0; seed < 100; seed++) {
      const trajectory = await run('large', 'c2', seed);
      const turns = turnsOf(trajectory).filter(({ message }) => (message.toolCalls?.length ?? 0) > 1);
      parallel += turns.length;
      for (const { message } of turns) {
        // Both orders are named by the user, so both lookups can go out at once; the cancel needs no lookup result.
        expect(message.toolCalls?.map((call) => call.name)).toEqual(['lookup_order', 'lookup_order']);
        expect(new Set(message.toolCalls?.map((call) => call.id)).size).toBe(2);
      }
      const serial = await run('large', 'c2', seed, { parallelToolCalls: false });
      expect(turnsOf(serial).every(({ message }) => (message.toolCalls?.length ?? 0) <= 1)).toBe(true);
    }
    expect(parallel).toBeGreaterThan(10);
  });

  it('gives each call an id of its own and finishes with tool-calls when it calls', async () => {
    const interpreter = createSimInterpreter(profile('medium'));
    for (let seed = 0; seed < 50; seed++) {
      const trajectory = await run('medium', 'c3', seed);
      const ids = trajectory.messages.flatMap((message) =>
        message.role === 'assistant' ? (message.toolCalls ?? []).map((call) => call.id) : [],
      );
      expect(new Set(ids).size).toBe(ids.length);
    }
    const call: InterpreterCall = {
      messages: [{ role: 'user', content: prompt }],
      settings: {},
      tools: retailTools,
      toolChoice: 'required',
      origin: { programName: 'retail', caseId: 'c3', agent: { turn: 0, actions } },
    };
    const result = await interpreter.interpret(call, { seed: 1 });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.usage?.inputTokens).toBe(prompt.split(' ').length);
    expect(result.usage?.outputTokens).toBeGreaterThan(1);
  });

  it('honours the tool choice: none answers in text, required always calls, a named tool is the one called', async () => {
    const interpreter = createSimInterpreter(profile('small'));
    for (let seed = 0; seed < 100; seed++) {
      const base = { programName: 'retail', caseId: `case-${seed % 10}`, expected };
      const messages: Message[] = [{ role: 'user', content: prompt }];
      const none = await interpreter.interpret(
        {
          messages,
          settings: {},
          tools: retailTools,
          toolChoice: 'none',
          origin: { ...base, agent: { turn: 0, actions } },
        },
        { seed },
      );
      expect(none.toolCalls ?? []).toEqual([]);
      expect(none.finishReason).toBe('stop');
      const required = await run('small', `case-${seed % 10}`, seed, { toolChoice: 'required', maxTurns: 6 });
      expect(required.ended).toBe('max-turns');
      expect(turnsOf(required).every(({ message }) => (message.toolCalls?.length ?? 0) > 0)).toBe(true);
      const named = await run('small', `case-${seed % 10}`, seed, { toolChoice: { tool: 'list_orders' }, maxTurns: 3 });
      for (const { message } of turnsOf(named))
        expect(message.toolCalls?.map((call) => call.name)).toEqual(['list_orders']);
    }
  });

  it('without reference actions, calls the first tool once with arguments from the user, then answers', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const trajectory = await runSimTrajectory(createSimInterpreter(profile('medium')), {
        caseId: 'free',
        seed,
        prompt: 'Where is my order #W2?',
      });
      expect(trajectory.calls).toEqual([{ tool: 'lookup_order', arguments: '{"order_id":"W2"}', ok: true }]);
      expect(trajectory.ended).toBe('answer');
      expect(trajectory.turns).toBe(2);
    }
    // A later reply names no order: the arguments come from the message that does.
    const messages: Message[] = [
      { role: 'user', content: 'Where is my order #W2?' },
      { role: 'assistant', content: 'Shall I look it up?' },
      { role: 'user', content: 'Yes, please go ahead.' },
    ];
    const result = await createSimInterpreter(profile('medium')).interpret(
      {
        messages,
        settings: {},
        tools: retailTools,
        origin: { programName: 'retail', caseId: 'free', agent: { turn: 1 } },
      },
      { seed: 1 },
    );
    expect(result.toolCalls).toEqual([{ id: 'call_1_0', name: 'lookup_order', arguments: '{"order_id":"W2"}' }]);
  });

  it('told to call no tool, reports its work once done and otherwise answers as a model without tools', async () => {
    const interpreter = createSimInterpreter(profile('medium'));
    const done: Message[] = [{ role: 'user', content: prompt }];
    actions.forEach((action, index) => {
      const id = `call_${index}_0`;
      done.push({
        role: 'assistant',
        content: '',
        toolCalls: [{ id, name: action.tool, arguments: JSON.stringify(action.arguments) }],
      });
      done.push({ role: 'tool', content: '{}', toolCallId: id, toolName: action.tool });
    });
    const texts = new Set<string>();
    for (let seed = 0; seed < 100; seed++) {
      const origin = { programName: 'retail', caseId: `case-${seed % 20}`, expected, agent: { turn: 3, actions } };
      const finished = await interpreter.interpret(
        { messages: done, settings: {}, tools: retailTools, toolChoice: 'none', origin },
        { seed },
      );
      expect(finished.text).toBe(expected.answer);
      const early = await interpreter.interpret(
        { messages: done.slice(0, 1), settings: {}, tools: retailTools, toolChoice: 'none', origin },
        { seed },
      );
      expect(early.toolCalls ?? []).toEqual([]);
      texts.add(early.text);
    }
    // Right with the case's probability, wrong otherwise.
    expect(texts.has(expected.answer)).toBe(true);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('reads a hostile conversation without harm: malformed, huge and prototype-polluting calls', async () => {
    const interpreter = createSimInterpreter(profile('large'));
    const hostile = [
      '{"order_id":',
      `{"order_id":"${'W1'.repeat(50_000)}"}`,
      '{"__proto__":{"polluted":true},"order_id":"W1"}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    ];
    const messages: Message[] = [
      { role: 'user', content: `${'x'.repeat(100_000)} W1` },
      ...hostile.flatMap((text, index): Message[] => [
        { role: 'assistant', content: '', toolCalls: [{ id: `h${index}`, name: 'lookup_order', arguments: text }] },
        { role: 'tool', content: 'bad arguments', toolCallId: `h${index}`, toolName: 'lookup_order', isError: true },
      ]),
    ];
    for (let seed = 0; seed < 20; seed++) {
      const call: InterpreterCall = {
        messages,
        settings: {},
        tools: retailTools,
        origin: { programName: 'retail', caseId: 'c6', agent: { turn: 4, actions } },
      };
      const result = await interpreter.interpret(call, { seed });
      // None of the hostile calls was the first action, so the agent is still at it.
      expect(agentProgress(messages, actions).done).toBe(0);
      expect(result.toolCalls?.[0]?.id ?? 'text').not.toMatch(/^h/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a typed output with a value of its type when the case has actions but no answer', async () => {
    const interpreter = createSimInterpreter(profile('perfect'));
    const lookup = { id: 'call_0_0', name: 'lookup_order', arguments: '{"order_id":"W1"}' };
    const result = await interpreter.interpret(
      {
        messages: [
          { role: 'user', content: 'Look up order W1.' },
          { role: 'assistant', content: '', toolCalls: [lookup] },
          { role: 'tool', content: '{"status":"pending"}', toolCallId: lookup.id, toolName: lookup.name },
        ],
        settings: {},
        tools: retailTools,
        responseFormat: {
          type: 'json',
          schema: { type: 'object', properties: { summary: { type: 'string' }, found: { type: 'boolean' } } },
        },
        origin: {
          programName: 'retail',
          caseId: 'typed',
          expected: { actions: [{ tool: 'lookup_order', arguments: { order_id: 'W1' } }] },
          agent: { turn: 1, actions: [{ tool: 'lookup_order', arguments: { order_id: 'W1' } }] },
        },
      },
      { seed: 2 },
    );
    expect(result.finishReason).toBe('stop');
    expect(JSON.parse(result.text)).toEqual({ summary: 'Look up order W1.', found: true });
  });

  it('is greedy at temperature 0: every seed takes the same path', async () => {
    const paths = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      paths.add(JSON.stringify((await run('medium', 'c4', seed, { temperature: 0 })).messages));
    }
    expect(paths.size).toBe(1);
  });

  it('answers with the case answer once every action is done, and reports plausible usage', async () => {
    const trajectory = await run('perfect', 'c5', 3, { parallelToolCalls: false });
    expect(followedActions(trajectory, actions)).toBe(true);
    expect(trajectory.answer).toBe('Order W1 is cancelled.');
    expect(trajectory.store.orders.W1).toEqual({ status: 'cancelled', reason: 'ordered by mistake' });
    expect(trajectory.turns).toBe(4);
  });

  it.each([
    [1000, 10],
    [500, 20],
  ])(
    'runs %i trajectories of up to %i turns quickly (the figure is printed, not asserted)',
    async (count, maxTurns) => {
      const interpreter = createSimInterpreter(profile('medium'));
      const long: ReferenceAction[] = Array.from({ length: maxTurns - 1 }, (_, index) => ({
        tool: 'lookup_order',
        arguments: { order_id: `W${(index % 3) + 1}` },
      }));
      let turns = 0;
      let policyMs = 0;
      const timed = {
        ...interpreter,
        async interpret(...args: Parameters<typeof interpreter.interpret>) {
          const start = performance.now();
          const result = await interpreter.interpret(...args);
          policyMs += performance.now() - start;
          return result;
        },
      };
      const start = performance.now();
      for (let index = 0; index < count; index++) {
        const trajectory = await runSimTrajectory(timed, {
          caseId: `case-${index % 50}`,
          seed: mixToUint31(index, 7),
          actions: long,
          prompt: 'Look up W1, W2 and W3, three times each.',
          maxTurns,
          parallelToolCalls: false,
        });
        turns += trajectory.turns;
      }
      const totalMs = performance.now() - start;
      console.log(
        `${count} trajectories of up to ${maxTurns} turns, ${turns} agent turns: ${totalMs.toFixed(0)} ms in all (${Math.round(turns / (totalMs / 1000))} turns/s with the loop), ${policyMs.toFixed(0)} ms in the simulator (${Math.round(turns / (policyMs / 1000))} turns/s)`,
      );
      expect(turns).toBeGreaterThan(count * maxTurns * 0.5);
    },
  );
});
