import { describe, expect, it } from 'vitest';
import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import type { ReferenceAction } from '../../contracts/tool.js';
import { createSimInterpreter } from './sim-interpreter.js';
import { type SimProfile, simProfiles } from './sim-profile.js';
import { asksSomething, firstRequest, offTopicRate, patience } from './sim-user-turn.js';
import { runSimTrajectory } from './testing/run-sim-trajectory.js';

const medium = simProfiles.medium as SimProfile;
const stop = '###STOP###';
const instructions =
  'You are a customer of a shop. You want to cancel your order W1, because you ordered it by mistake. Never give your address. When you are done, say ###STOP###.';

/** A call to the simulated user: the agent's texts as `user` messages, its own earlier ones as `assistant`. */
const userCall = (turn: number, conversation: readonly Message[], temperature?: number): InterpreterCall => ({
  messages: [{ role: 'system', content: instructions }, ...conversation],
  settings: temperature === undefined ? {} : { temperature },
  origin: { programName: 'retail', caseId: 'u1', simulatedUser: { turn, instructions, stop } },
});
const request = 'Hi. I want to cancel my order W1, because I ordered it by mistake.';
const asked: Message[] = [
  { role: 'assistant', content: request },
  { role: 'user', content: 'I found order W1. Shall I cancel it now?' },
];

describe('the simulated user', () => {
  it('states its request first, in its own words, without the lines about its role', async () => {
    expect(firstRequest(instructions, stop)).toBe(request);
    expect(firstRequest('Ask the agent to tell you the status of order W3.', stop)).toBe(
      'Hi. Ask the agent to tell me the status of order W3.',
    );
    expect(firstRequest('You are a customer.', stop)).toBe('Hi. Here is what I need: You are a customer.');
    expect(firstRequest(' \n', stop)).toBe('Hi. I need some help, please.');
    const result = await createSimInterpreter(medium).interpret(userCall(0, []), { seed: 4 });
    expect(result.text).toBe(request);
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.outputTokens).toBe(request.split(' ').length);
  });

  it('confirms when the agent asks, off topic now and then, and the same for the same seed and turn', async () => {
    const interpreter = createSimInterpreter(medium);
    let offTopic = 0;
    for (let seed = 0; seed < 1000; seed++) {
      const { text } = await interpreter.interpret(userCall(1, asked), { seed });
      expect((await createSimInterpreter(medium).interpret(userCall(1, asked), { seed })).text).toBe(text);
      expect(text).not.toContain(stop);
      if (!text.startsWith('Yes')) offTopic++;
    }
    expect(offTopic).toBeGreaterThan(1000 * offTopicRate * 0.5);
    expect(offTopic).toBeLessThan(1000 * offTopicRate * 1.5);
    for (let seed = 0; seed < 50; seed++) {
      expect((await interpreter.interpret(userCall(1, asked, 0), { seed })).text).toBe('Yes, please go ahead.');
    }
  });

  it('ends with the stop text once the agent answers without a question, or has spoken too often', async () => {
    const interpreter = createSimInterpreter(medium);
    const answered: Message[] = [
      ...asked,
      { role: 'assistant', content: 'Yes.' },
      { role: 'user', content: 'Done: order W1 is cancelled.' },
    ];
    expect((await interpreter.interpret(userCall(2, answered), { seed: 1 })).text).toContain(stop);
    const questions: Message[] = [{ role: 'assistant', content: request }];
    for (let index = 0; index < patience; index++) {
      questions.push({ role: 'user', content: 'Could you confirm the details?' });
      const { text } = await interpreter.interpret(userCall(index + 1, questions, 0), { seed: 1 });
      expect(text.includes(stop)).toBe(index + 1 >= patience);
      questions.push({ role: 'assistant', content: text });
    }
    expect(asksSomething('Would you like me to proceed')).toBe(true);
    expect(asksSomething('Your order is cancelled.')).toBe(false);
  });

  it('plays its part in whole conversations: each one ends with the stop text', async () => {
    const actions: readonly ReferenceAction[] = [
      { tool: 'cancel_order', arguments: { order_id: 'W1', reason: 'ordered by mistake' } },
    ];
    let confirmed = 0;
    for (let seed = 0; seed < 200; seed++) {
      const interpreter = createSimInterpreter(simProfiles.small as SimProfile);
      const trajectory = await runSimTrajectory(interpreter, {
        caseId: `case-${seed % 20}`,
        seed,
        actions,
        expected: { actions, answer: 'Order W1 is cancelled.' },
        user: { interpreter, instructions, stop },
      });
      expect(trajectory.ended).toBe('answer');
      expect(trajectory.userTexts[0]).toBe(request);
      expect(trajectory.userTexts.at(-1)).toContain(stop);
      if (trajectory.userTexts.some((text) => text.startsWith('Yes'))) confirmed++;
    }
    // The agent's clarifying questions get confirmations, after which it goes on with its task.
    expect(confirmed).toBeGreaterThan(5);
  });
});
