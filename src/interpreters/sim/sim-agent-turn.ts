import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import type { ReferenceAction, ToolCall, ToolDefinition } from '../../contracts/tool.js';
import { valueToText } from '../../lang/render-template.js';
import { mixToUint31, mixToUnit } from '../../util/stable-hash.js';
import { answerWithoutReference } from './answer-without-reference.js';
import { type AgentProgress, agentProgress, canonicalArguments } from './sim-agent-progress.js';
import { argumentsFromSchema, wrongArguments } from './sim-tool-arguments.js';
import type { SimToolErrorWeights, SimToolSkill } from './sim-tool-skill.js';

/** What the simulated agent needs besides the call: the case's difficulty, its draws, and the profile's skill. */
export interface SimAgentContext {
  /** The case's success probability for a whole trajectory. */
  readonly p: number;
  /** The case's base for draws, mixed with the seed and the turn. */
  readonly base: number;
  readonly skill: SimToolSkill;
  readonly seed: number;
  /** Temperature 0: every seed takes the most likely path. */
  readonly greedy: boolean;
  /** The simulator's answer in text for a reference value (right or wrong, as for a call without tools). */
  readonly answer: (expected: unknown) => string;
}

/** One model turn of the simulated agent: text, and the tools it calls (none when it answers). */
export interface SimAgentReply {
  /** The turn's text: the answer when it calls nothing, empty when it calls. */
  readonly text: string;
  /** The calls, in order; empty when it answers. */
  readonly toolCalls: readonly ToolCall[];
}

type ErrorKind = keyof SimToolErrorWeights;

/** The draws of one turn: independent numbers in [0, 1) for each choice, fixed by (case, seed, turn). */
function turnDraws(context: SimAgentContext, turn: number): (choice: number) => number {
  const base = mixToUint31(mixToUint31(context.base, context.greedy ? 0 : context.seed), turn);
  return (choice) => mixToUnit(base, choice);
}

/** The reference answer of an agent case (`-> { actions, answer }`), or the whole reference when it has no actions. */
function answerOf(expected: unknown): { readonly has: boolean; readonly value?: unknown } {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const record = expected as Record<string, unknown>;
    if (Object.hasOwn(record, 'answer')) return { has: true, value: record.answer };
    if (Object.hasOwn(record, 'actions')) return { has: false };
  }
  return expected === undefined ? { has: false } : { has: true, value: expected };
}

/**
 * The user's words an argument is taken from: the latest user message that names something with a digit (an id, a
 * number), else the latest user message. A reply such as "Yes, please go ahead." names no order.
 */
function userText(messages: readonly Message[]): string {
  let latest: string | undefined;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as Message;
    if (message.role !== 'user') continue;
    latest ??= message.content;
    if (/\d/.test(message.content)) return message.content;
  }
  return latest ?? '';
}

/** The text with which the agent reports its work done. */
function finalAnswer(call: InterpreterCall, actions: readonly ReferenceAction[]): string {
  const answer = answerOf(call.origin.expected);
  if (answer.has) return valueToText(answer.value);
  // A typed output without a reference answer: a value of the type, built from the user's words.
  const schema = call.responseFormat?.schema;
  if (schema) return answerWithoutReference(true, userText(call.messages), 0, schema);
  const tools = [...new Set(actions.map((action) => action.tool))];
  return tools.length > 0 ? `Done: I used ${tools.join(', ')} and your request is complete.` : 'Done.';
}

/** Texts of an agent that stops before its work is done: a claim of success, an apology, a question. */
function giveUpText(call: InterpreterCall, actions: readonly ReferenceAction[], draw: number): string {
  if (draw < 0.4) return finalAnswer(call, actions);
  if (draw < 0.7) return "I'm sorry, I wasn't able to complete this request.";
  return 'Could you confirm the details of your request before I go on?';
}

/** Whether every value of the action's arguments already stands in the conversation: it needs no earlier result. */
function argumentsKnown(action: ReferenceAction, known: string): boolean {
  const leaves = (value: unknown, depth: number): boolean => {
    if (depth > 8) return false;
    if (typeof value === 'string') return known.includes(value);
    if (typeof value === 'number') return known.includes(String(value));
    if (value === null || typeof value === 'boolean') return true;
    if (typeof value === 'object') return Object.values(value).every((inner) => leaves(inner, depth + 1));
    return false;
  };
  return leaves(action.arguments ?? {}, 0);
}

/** The text of the conversation before the agent acted: what it knows without calling a tool. */
function givenText(messages: readonly Message[]): string {
  return messages
    .filter((message) => message.role === 'user' || message.role === 'system')
    .map((message) => message.content)
    .join('\n');
}

/** One of the kinds whose weight is positive and which is possible now, by weight; undefined when none is. */
function pickError(weights: SimToolErrorWeights, possible: Readonly<Record<ErrorKind, boolean>>, draw: number) {
  const kinds = (Object.keys(weights) as ErrorKind[]).filter((kind) => possible[kind] && weights[kind] > 0);
  const total = kinds.reduce((sum, kind) => sum + weights[kind], 0);
  let point = draw * total;
  for (const kind of kinds) {
    if (point < weights[kind]) return kind;
    point -= weights[kind];
  }
  return kinds.at(-1);
}

/** Ids unique within the conversation: the turn's number and the call's place in it. */
const callId = (turn: number, index: number) => `call_${turn}_${index}`;

const toolCall = (turn: number, index: number, name: string, args: string): ToolCall => ({
  id: callId(turn, index),
  name,
  arguments: args,
});

/** A call of a tool the agent has no reference for: arguments guessed from the schema and the user's words. */
function guessedCall(
  call: InterpreterCall,
  name: string,
  turn: number,
  tool: ToolDefinition | undefined = call.tools?.find((offered) => offered.name === name),
): ToolCall {
  const args = argumentsFromSchema(tool?.parameters ?? {}, userText(call.messages));
  return toolCall(turn, 0, name, JSON.stringify(args));
}

/** An agent case without reference actions: one plausible call of the first (or the named) tool, then an answer. */
function turnWithoutActions(call: InterpreterCall, context: SimAgentContext, turn: number): SimAgentReply {
  const tools = call.tools ?? [];
  const choice = call.toolChoice ?? 'auto';
  const named = typeof choice === 'object' ? choice.tool : undefined;
  const called = call.messages.some((message) => message.role === 'assistant' && (message.toolCalls?.length ?? 0) > 0);
  if (called && choice === 'auto') {
    const answer = answerOf(call.origin.expected);
    return { text: context.answer(answer.has ? answer.value : undefined), toolCalls: [] };
  }
  const name = named ?? tools[0]?.name ?? 'tool';
  return {
    text: '',
    toolCalls: [guessedCall(call, name, turn)],
  };
}

/**
 * One turn of the simulated tool-using agent. It finds how far it got through the case's reference actions and,
 * with a probability set so that a whole trajectory succeeds about as often as the case's probability p, makes the
 * next one (two when they are independent and parallel calls are allowed); otherwise it errs as agents do: another
 * tool, a changed or missing field, an answer before the work is done, or the previous call again. After a tool error
 * it usually makes the right call (`skill.recovery`); refused twice, the same call is given up. With every action done
 * it answers: the case's `answer`, or a short confirmation. `toolChoice` is honoured.
 */
export function simAgentTurn(call: InterpreterCall, context: SimAgentContext): SimAgentReply {
  const agent = call.origin.agent ?? { turn: 0 };
  const turn = agent.turn;
  const actions = agent.actions ?? [];
  const choice = call.toolChoice ?? 'auto';
  if (choice === 'none' || (call.tools?.length ?? 0) === 0) {
    // Told not to call (or given nothing to call), it reports its work when it is done, and otherwise answers as
    // a model without tools: right with the case's probability.
    if (actions.length > 0 && agentProgress(call.messages, actions).done >= actions.length) {
      return { text: finalAnswer(call, actions), toolCalls: [] };
    }
    const answer = answerOf(call.origin.expected);
    return { text: context.answer(answer.has ? answer.value : undefined), toolCalls: [] };
  }
  if (actions.length === 0) return turnWithoutActions(call, context, turn);
  const tools = call.tools ?? [];
  const named = typeof choice === 'object' ? choice.tool : undefined;
  const progress: AgentProgress = agentProgress(call.messages, actions);
  const next = actions[progress.done];
  if (next === undefined) {
    if (choice === 'auto') return { text: finalAnswer(call, actions), toolCalls: [] };
    const name = named ?? tools[0]?.name ?? actions[0]?.tool ?? 'tool';
    return {
      text: '',
      toolCalls: [guessedCall(call, name, turn)],
    };
  }
  if (named !== undefined && next.tool !== named) {
    const later = actions.slice(progress.done).find((action) => action.tool === named);
    const reply = later
      ? toolCall(turn, 0, named, JSON.stringify(later.arguments ?? {}))
      : guessedCall(call, named, turn);
    return { text: '', toolCalls: [reply] };
  }
  const draw = turnDraws(context, turn);
  const canonical = canonicalArguments(actions);
  const nextCall = (index: number, position: number) =>
    toolCall(turn, position, (actions[index] as ReferenceAction).tool, canonical[index] as string);
  // Refused twice, the right call will not go through: the agent stops and says so.
  if (progress.refusalsOfNext >= 2 && choice === 'auto') {
    return { text: giveUpText(call, actions, 0.5 + draw(5) * 0.5), toolCalls: [] };
  }
  // Per-turn skill q with q^n = p: n independent right turns succeed as often as the case does.
  const q = context.p ** (1 / actions.length);
  const right = progress.lastFailed ? 1 - (1 - q) * (1 - context.skill.recovery) : q;
  if ((context.greedy ? 0.5 : draw(0)) < right) {
    const calls = [nextCall(progress.done, 0)];
    const following = actions[progress.done + 1];
    if (
      following !== undefined &&
      call.parallelToolCalls !== false &&
      named === undefined &&
      draw(1) < context.skill.parallel &&
      argumentsKnown(following, givenText(call.messages))
    ) {
      calls.push(nextCall(progress.done + 1, 1));
    }
    return { text: '', toolCalls: calls };
  }
  const otherTools = named === undefined ? tools.filter((tool) => tool.name !== next.tool) : [];
  const nextSchema = tools.find((tool) => tool.name === next.tool)?.parameters;
  const nextArguments = next.arguments ?? {};
  const kind = pickError(
    context.skill.errors,
    {
      wrongTool: otherTools.length > 0,
      wrongArguments: Object.keys(nextArguments).length > 0,
      giveUp: choice === 'auto',
      loop: progress.lastCall !== undefined && (named === undefined || progress.lastCall.name === named),
    },
    draw(2),
  );
  switch (kind) {
    case undefined:
      return { text: '', toolCalls: [nextCall(progress.done, 0)] };
    case 'wrongTool': {
      const tool = otherTools[Math.floor(draw(3) * otherTools.length)] as ToolDefinition;
      return { text: '', toolCalls: [guessedCall(call, tool.name, turn, tool)] };
    }
    case 'wrongArguments': {
      const args = wrongArguments(nextArguments, nextSchema, draw(3) < 0.5, draw(4)) ?? '{}';
      return { text: '', toolCalls: [toolCall(turn, 0, next.tool, args)] };
    }
    case 'giveUp':
      return { text: giveUpText(call, actions, draw(3)), toolCalls: [] };
    case 'loop': {
      const last = progress.lastCall as ToolCall;
      return { text: '', toolCalls: [toolCall(turn, 0, last.name, last.arguments)] };
    }
    default:
      return kind satisfies never;
  }
}
