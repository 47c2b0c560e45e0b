import type { Interpreter } from '../../../contracts/interpreter.js';
import type { InterpreterCall, Message } from '../../../contracts/interpreter-call.js';
import type { ReferenceAction, ToolChoice } from '../../../contracts/tool.js';
import { mixToUint31 } from '../../../util/stable-hash.js';
import { createRetailStore, type RetailStore, retailTools, runRetailTool } from './retail-store.js';

/** One call the agent made, with its outcome. */
export interface TrajectoryCall {
  readonly tool: string;
  readonly arguments: string;
  readonly ok: boolean;
}

/** A simulated agent's trajectory on the retail store. */
export interface SimTrajectory {
  readonly calls: readonly TrajectoryCall[];
  readonly turns: number;
  readonly ended: 'answer' | 'max-turns' | 'user-max-turns';
  readonly answer: string;
  readonly store: RetailStore;
  readonly messages: readonly Message[];
  /** The simulated user's replies, in order. */
  readonly userTexts: readonly string[];
}

/** What a trajectory runs: the case, its reference actions, and the agent's settings. */
export interface TrajectoryOptions {
  readonly caseId: string;
  readonly seed: number;
  readonly actions?: readonly ReferenceAction[];
  readonly expected?: unknown;
  readonly prompt?: string;
  readonly maxTurns?: number;
  readonly toolChoice?: ToolChoice;
  readonly parallelToolCalls?: boolean;
  readonly temperature?: number;
  /** A simulated user with these instructions speaks first and answers the agent. */
  readonly user?: { readonly interpreter: Interpreter; readonly instructions: string; readonly stop: string };
}

const flip = (messages: readonly Message[], system: string): Message[] => [
  { role: 'system', content: system },
  ...messages.flatMap((message): Message[] => {
    if (message.role === 'assistant' && message.content !== '') return [{ role: 'user', content: message.content }];
    if (message.role === 'user') return [{ role: 'assistant', content: message.content }];
    return [];
  }),
];

/**
 * The agent loop of the engine, in small, for the simulator's tests: model turns with the retail tools, each call
 * run on a fresh store, tool errors sent back as messages, and an optional simulated user. Turn t > 0 is seeded
 * with `mixToUint31(seed, t)`, as the engine does.
 */
export async function runSimTrajectory(agent: Interpreter, options: TrajectoryOptions): Promise<SimTrajectory> {
  const store = createRetailStore();
  const messages: Message[] = [{ role: 'system', content: 'You are the support agent of a shop.' }];
  const calls: TrajectoryCall[] = [];
  const userTexts: string[] = [];
  const maxTurns = options.maxTurns ?? 20;
  const userSays = async (turn: number) => {
    const user = options.user;
    if (!user) return undefined;
    const userCall: InterpreterCall = {
      messages: flip(messages, user.instructions),
      settings: {},
      origin: { programName: 'retail', caseId: options.caseId, simulatedUser: { turn, ...user } },
    };
    const reply = await user.interpreter.interpret(userCall, { seed: mixToUint31(options.seed + 1, turn) });
    userTexts.push(reply.text);
    return reply.text;
  };
  if (options.user) messages.push({ role: 'user', content: (await userSays(0)) as string });
  else messages.push({ role: 'user', content: options.prompt ?? 'Please cancel order W1, I ordered it by mistake.' });
  for (let turn = 0; turn < maxTurns; turn++) {
    const call: InterpreterCall = {
      messages: [...messages],
      settings: options.temperature === undefined ? {} : { temperature: options.temperature },
      tools: retailTools,
      ...(options.toolChoice ? { toolChoice: options.toolChoice } : {}),
      ...(options.parallelToolCalls === undefined ? {} : { parallelToolCalls: options.parallelToolCalls }),
      origin: {
        programName: 'retail',
        caseId: options.caseId,
        ...(options.expected === undefined ? {} : { expected: options.expected }),
        agent: { turn, ...(options.actions ? { actions: options.actions } : {}) },
      },
    };
    const result = await agent.interpret(call, { seed: turn === 0 ? options.seed : mixToUint31(options.seed, turn) });
    const toolCalls = result.toolCalls ?? [];
    messages.push({ role: 'assistant', content: result.text, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
    if (toolCalls.length === 0) {
      const reply = await userSays(userTexts.length);
      if (reply === undefined || reply.includes(options.user?.stop ?? '\u0000')) {
        return { calls, turns: turn + 1, ended: 'answer', answer: result.text, store, messages, userTexts };
      }
      if (userTexts.length >= 10) {
        return { calls, turns: turn + 1, ended: 'user-max-turns', answer: result.text, store, messages, userTexts };
      }
      messages.push({ role: 'user', content: reply });
      continue;
    }
    for (const toolCall of toolCalls) {
      const outcome = runRetailTool(store, toolCall.name, toolCall.arguments);
      calls.push({ tool: toolCall.name, arguments: toolCall.arguments, ok: outcome.ok });
      messages.push({
        role: 'tool',
        content: outcome.content,
        toolCallId: toolCall.id,
        toolName: toolCall.name,
        ...(outcome.ok ? {} : { isError: true }),
      });
    }
  }
  return { calls, turns: maxTurns, ended: 'max-turns', answer: '', store, messages, userTexts };
}

/** Whether the trajectory followed the reference exactly: its successful calls are the actions, then an answer. */
export function followedActions(trajectory: SimTrajectory, actions: readonly ReferenceAction[]): boolean {
  const done = trajectory.calls.filter((call) => call.ok);
  return (
    trajectory.ended === 'answer' &&
    done.length === actions.length &&
    done.every(
      (call, index) =>
        call.tool === actions[index]?.tool && call.arguments === JSON.stringify(actions[index]?.arguments),
    )
  );
}
