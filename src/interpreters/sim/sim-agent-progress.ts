import type { Message } from '../../contracts/interpreter-call.js';
import type { ReferenceAction, ToolCall } from '../../contracts/tool.js';

/** Where a simulated agent stands in its task, read from the conversation so far. */
export interface AgentProgress {
  /** How many reference actions are done: called in order, with their arguments, and not refused. */
  readonly done: number;
  /** The last tool call made, if any. */
  readonly lastCall?: ToolCall;
  /** True when the latest turn's calls got at least one tool error back (and nothing was said since). */
  readonly lastFailed: boolean;
  /** How often the next reference action, made exactly, was refused: the environment will not take it. */
  readonly refusalsOfNext: number;
  /** How many tool calls the conversation holds. */
  readonly calls: number;
}

const canonicalTexts = new WeakMap<readonly ReferenceAction[], readonly string[]>();

/** The arguments of each action as the simulator writes them, computed once per list of actions. */
export function canonicalArguments(actions: readonly ReferenceAction[]): readonly string[] {
  let texts = canonicalTexts.get(actions);
  if (!texts) {
    texts = actions.map((action) => JSON.stringify(action.arguments ?? {}));
    canonicalTexts.set(actions, texts);
  }
  return texts;
}

/** Whether two JSON values are equal, keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Arguments longer than this are never a reference action's: not worth parsing. */
const maxComparedArguments = 65_536;

/** Whether a call is the reference action: the same tool, and the same arguments (as text, or else as JSON). */
export function isAction(call: ToolCall, action: ReferenceAction, canonical: string): boolean {
  if (call.name !== action.tool) return false;
  if (call.arguments === canonical) return true;
  if (call.arguments.length > maxComparedArguments) return false;
  try {
    return sameJson(JSON.parse(call.arguments), JSON.parse(canonical));
  } catch {
    return false;
  }
}

/**
 * Reads the conversation once (two linear passes: the tool results, then the calls in order) and finds how far the
 * agent got through its reference actions. A call counts when it is the next action and its result is not an
 * error; calls of one turn count in the order they were written.
 */
export function agentProgress(messages: readonly Message[], actions: readonly ReferenceAction[]): AgentProgress {
  const failed = new Map<string, boolean>();
  for (const message of messages) {
    if (message.role === 'tool') failed.set(message.toolCallId, message.isError === true);
  }
  const canonical = canonicalArguments(actions);
  let done = 0;
  let refusalsOfNext = 0;
  let lastCall: ToolCall | undefined;
  let lastFailed = false;
  let calls = 0;
  for (const message of messages) {
    if (message.role !== 'assistant') {
      if (message.role === 'user') lastFailed = false;
      continue;
    }
    lastFailed = false;
    for (const call of message.toolCalls ?? []) {
      calls++;
      lastCall = call;
      // A call without a result (the conversation cut short) counts as refused.
      const refused = failed.get(call.id) ?? true;
      if (refused) lastFailed = true;
      const action = actions[done];
      if (action === undefined || !isAction(call, action, canonical[done] as string)) continue;
      if (refused) {
        refusalsOfNext++;
      } else {
        done++;
        refusalsOfNext = 0;
      }
    }
  }
  return { done, lastFailed, refusalsOfNext, calls, ...(lastCall ? { lastCall } : {}) };
}
