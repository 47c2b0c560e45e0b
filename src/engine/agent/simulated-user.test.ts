import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempFolder } from '../../../tests/support/temp-folder.js';
import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import type { SimulatedUserDeclaration } from '../../program/program.js';
import { runProgram } from '../run-program.js';
import { userMessages } from './simulated-user.js';
import {
  agentProgram,
  answer,
  callsTools,
  functionTool,
  scriptedInterpreter,
  startedStore,
} from './testing/agent-program.js';

const source = `prog 1
program support
input instructions: string
system "You are a support agent."
prompt "(left out)"
verify length({ min: 1 })
case "c1" { instructions: "You want order W1 cancelled." }
sample 2 seed 3
`;

function user(overrides: Partial<SimulatedUserDeclaration> = {}): SimulatedUserDeclaration {
  return {
    maxTurns: 10,
    stop: '###STOP###',
    settings: { temperature: 0 },
    instructions: [
      { kind: 'text', text: 'You are a customer. ' },
      { kind: 'interpolation', path: ['instructions'], span: { start: 0, end: 0 } },
    ],
    span: { start: 0, end: 0 },
    ...overrides,
  };
}

/** A customer who asks, thanks once the agent has said "cancelled", then stops. */
function customer(call: InterpreterCall) {
  const turn = call.origin.simulatedUser?.turn ?? -1;
  if (turn === 0) return answer('Please cancel my order W1.');
  const said = call.messages.at(-1)?.content ?? '';
  return answer(said.includes('cancelled') ? 'Thanks! ###STOP###' : 'Is it done?');
}

function agentModel(call: InterpreterCall) {
  const turn = call.origin.agent?.turn ?? -1;
  if (turn === 0) return callsTools(0, [['cancel_order', '{"order_id":"W1"}']]);
  if (turn === 1) return answer('Let me check once more.');
  return answer('Your order W1 is cancelled.');
}

const program = (overrides: Partial<SimulatedUserDeclaration> = {}) =>
  agentProgram(source, {
    tools: [functionTool('cancel_order', { order_id: z.string() }, () => ({ ok: true }))],
    simulatedUser: user(overrides),
  });

describe('a simulated user', () => {
  it('speaks first, answers each answer of the agent, and ends the conversation with its stop text', async () => {
    const agent = scriptedInterpreter(agentModel);
    const customerModel = scriptedInterpreter(customer, 'script:user');
    const run = await runProgram(program({ interpreter: 'script:user' }), {
      interpreter: agent,
      simulatedUserInterpreter: { interpreter: customerModel },
      concurrency: 1,
    });
    const step = run.cases[0]?.samples[0]?.trace.steps[0];
    const trajectory = step?.agent;
    expect(trajectory?.ended).toBe('answer');
    expect(trajectory?.turns.map((turn) => turn.kind)).toEqual([
      'user',
      'model',
      'tool',
      'model',
      'user',
      'model',
      'user',
    ]);
    expect(step?.text).toBe('Your order W1 is cancelled.');
    expect(step?.messages).toEqual([
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: 'Please cancel my order W1.' },
    ]);
    // The user sees its instructions as the system prompt and the conversation with roles flipped.
    const third = customerModel.calls[2];
    expect(third?.origin.simulatedUser).toEqual({
      turn: 2,
      instructions: 'You are a customer. You want order W1 cancelled.',
      stop: '###STOP###',
    });
    expect(third?.messages).toEqual([
      { role: 'system', content: 'You are a customer. You want order W1 cancelled.' },
      { role: 'assistant', content: 'Please cancel my order W1.' },
      { role: 'user', content: 'Let me check once more.' },
      { role: 'assistant', content: 'Is it done?' },
      { role: 'user', content: 'Your order W1 is cancelled.' },
    ]);
    expect(third?.settings).toEqual({ temperature: 0 });
  });

  it('ends as user-max-turns when the user has spoken its turns without stopping', async () => {
    const agent = scriptedInterpreter(() => answer('Anything else?'));
    const chatty = scriptedInterpreter(() => answer('Tell me more.'), 'script:user');
    const run = await runProgram(program({ maxTurns: 3 }), {
      interpreter: agent,
      simulatedUserInterpreter: { interpreter: chatty },
    });
    const trajectory = run.cases[0]?.samples[0]?.trace.steps[0]?.agent;
    expect(trajectory?.ended).toBe('user-max-turns');
    expect(trajectory?.turns.filter((turn) => turn.kind === 'user')).toHaveLength(3);
    expect(trajectory?.modelTurns).toBe(3);
  });

  it('runs on the run interpreter when it names none, and fails the sample clearly when its own is missing', async () => {
    const both = scriptedInterpreter((call) =>
      call.origin.simulatedUser ? answer('Bye ###STOP###') : answer('Hello.'),
    );
    const run = await runProgram(program(), { interpreter: both });
    expect(run.cases[0]?.samples[0]?.trace.steps[0]?.agent?.ended).toBe('answer');
    const missing = await runProgram(program({ interpreter: 'sim:small' }), { interpreter: both });
    const step = missing.cases[0]?.samples[0]?.trace.steps[0];
    expect(step?.error?.message).toBe(`the simulated user's interpreter "sim:small" was not set up for this run`);
    expect(step?.agent?.ended).toBe('error');
  });

  it('is cached on its own interpreter: a second run asks neither the agent nor the user again', async () => {
    const path = join(tempFolder(), 'store.sqlite');
    const declared = program({ interpreter: 'script:user' });
    const first = startedStore(path, declared, 'r1', 'script:agent');
    const agent = scriptedInterpreter(agentModel);
    const customerModel = scriptedInterpreter(customer, 'script:user');
    const options = { simulatedUserInterpreter: { interpreter: customerModel }, store: first };
    const run = await runProgram(declared, { interpreter: agent, ...options, runId: 'r1' });
    first.close();
    const again = startedStore(path, declared, 'r2', 'script:agent');
    const silentAgent = scriptedInterpreter(() => {
      throw new Error('asked again');
    });
    const silentUser = scriptedInterpreter(() => {
      throw new Error('asked again');
    }, 'script:user');
    const rerun = await runProgram(declared, {
      runId: 'r2',
      interpreter: silentAgent,
      simulatedUserInterpreter: { interpreter: silentUser },
      store: again,
    });
    again.close();
    expect(silentAgent.calls.length + silentUser.calls.length).toBe(0);
    const texts = (result: typeof run) =>
      result.cases[0]?.samples.map((sample) =>
        sample.trace.steps[0]?.agent?.turns.map((turn) => (turn.kind === 'tool' ? turn.name : turn.text)),
      );
    expect(texts(rerun)).toEqual(texts(run));
    expect(rerun.cases[0]?.samples.every((sample) => sample.trace.steps[0]?.cached === true)).toBe(true);
  });
});

describe('userMessages', () => {
  it('flips the roles, leaving out tool calls without text and tool results', () => {
    expect(
      userMessages('Be a customer.', [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '', toolCalls: [{ id: '1', name: 't', arguments: '{}' }] },
        { role: 'tool', content: '{}', toolCallId: '1', toolName: 't' },
        { role: 'assistant', content: 'Done.' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be a customer.' },
      { role: 'assistant', content: 'Hi' },
      { role: 'user', content: 'Done.' },
    ]);
  });
});
