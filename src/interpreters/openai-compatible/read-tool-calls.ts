import type { ToolCall } from '../../contracts/tool.js';

/** Tool calls read from an answer, or why the answer's calls are malformed (a fault of the model, not the wire). */
export type ReadToolCallsResult =
  | { readonly ok: true; readonly toolCalls: readonly ToolCall[] }
  | { readonly ok: false; readonly reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The longest tool name kept in an error message, so that a hostile name cannot flood the logs. */
const maxQuotedName = 80;

/** A name as error messages quote it: JSON-escaped and cut short. */
export function quoteName(name: string): string {
  const quoted = JSON.stringify(name);
  return quoted.length > maxQuotedName ? `${quoted.slice(0, maxQuotedName)}…` : quoted;
}

/**
 * The calls with an id each, unique within the turn: a call without an id (some servers leave it out), or with the
 * id of an earlier call, gets `call_<position>` (made unique too), so that each result goes back to one call.
 */
export function withUniqueIds(calls: readonly { id?: string; name: string; arguments: string }[]): ToolCall[] {
  const taken = new Set<string>();
  return calls.map((call, position) => {
    let id = call.id !== undefined && call.id !== '' && !taken.has(call.id) ? call.id : `call_${position}`;
    for (let extra = 1; taken.has(id); extra++) id = `call_${position}_${extra}`;
    taken.add(id);
    return { id, name: call.name, arguments: call.arguments };
  });
}

/**
 * The tool calls of a message that is not streamed (`message.tool_calls`): each `{ id, type: 'function',
 * function: { name, arguments } }`, in order, the arguments kept as the text the model wrote (the engine parses
 * and checks them). Absent or null means no calls. A list of another shape, a call of a type other than `function`,
 * a call without a name, or arguments that are not text are malformed.
 */
export function readToolCalls(value: unknown): ReadToolCallsResult {
  if (value == null) return { ok: true, toolCalls: [] };
  if (!Array.isArray(value)) return { ok: false, reason: '`tool_calls` is not a list' };
  const calls: { id?: string; name: string; arguments: string }[] = [];
  for (const [position, call] of (value as unknown[]).entries()) {
    const which = `tool call ${position + 1}`;
    if (!isRecord(call)) return { ok: false, reason: `${which} is not an object` };
    if (call.type !== undefined && call.type !== 'function') {
      return { ok: false, reason: `${which} has type ${quoteName(String(call.type))}, not "function"` };
    }
    const fn = call.function;
    if (!isRecord(fn)) return { ok: false, reason: `${which} has no \`function\`` };
    if (typeof fn.name !== 'string' || fn.name === '') return { ok: false, reason: `${which} has no function name` };
    const args = fn.arguments ?? '';
    if (typeof args !== 'string') {
      return {
        ok: false,
        reason: `the arguments of ${which} (${quoteName(fn.name)}) are ${Array.isArray(args) ? 'a list' : typeof args}, not JSON text`,
      };
    }
    calls.push({ ...(typeof call.id === 'string' ? { id: call.id } : {}), name: fn.name, arguments: args });
  }
  return { ok: true, toolCalls: withUniqueIds(calls) };
}
