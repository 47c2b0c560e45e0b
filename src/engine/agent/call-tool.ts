import { z } from 'zod';
import type { Message } from '../../contracts/interpreter-call.js';
import type { ToolCall, ToolDefinition } from '../../contracts/tool.js';
import type { Trace, TurnTrace } from '../../contracts/trace.js';
import { agentLimits, jsonDepth, quoted } from './agent-limits.js';

/** What a tool is given besides its arguments when it runs. */
export interface AgentToolContext {
  /** Aborts when the call's time is up or the run is stopped. */
  readonly signal: AbortSignal;
  /** A seed for this call: derived from the turn's seed and the call's place in the turn. */
  readonly seed: number;
}

/** What a tool's run gave: its result, or an error for the model; and the trace of a program it ran. */
export interface AgentToolOutcome {
  readonly result?: unknown;
  readonly error?: string;
  readonly child?: Trace;
}

/** A tool an agent may call in a sample: what the interpreter is shown, how arguments are checked, and how it runs. */
export interface AgentTool {
  readonly definition: ToolDefinition;
  /** Checks the parsed arguments (strict: unknown fields refused); absent when the tool's runtime checks them. */
  readonly schema?: z.ZodType;
  run(args: Readonly<Record<string, unknown>>, context: AgentToolContext): Promise<AgentToolOutcome>;
}

/** How a turn's tool calls run. */
export interface ToolCallOptions {
  /** Milliseconds one call may take before its signal aborts and it is answered with an error. */
  readonly timeoutMs: number;
  /** The run's signal: when it aborts, calls in flight are abandoned as errors. */
  readonly signal?: AbortSignal;
  readonly clock: () => number;
}

/** One call's answer: the message the model reads and the turn the trajectory keeps. */
export interface ToolCallAnswer {
  readonly message: Extract<Message, { role: 'tool' }>;
  readonly turn: Extract<TurnTrace, { kind: 'tool' }>;
}

type Parsed =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly error: string };

/** A text cut to `limit` characters, with a note saying so. */
function cut(text: string, limit: number): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}… (cut: ${text.length} characters, the limit is ${limit})`;
}

/** Parses a call's arguments text: bounded in size and depth, JSON, an object. */
export function parseArguments(text: string): Parsed {
  if (text.length > agentLimits.maxArgumentChars)
    return {
      ok: false,
      error: `the arguments are ${text.length} characters long, more than the limit of ${agentLimits.maxArgumentChars}`,
    };
  if (text.trim() === '') return { ok: true, value: {} };
  if (jsonDepth(text) > agentLimits.maxArgumentDepth)
    return { ok: false, error: `the arguments nest deeper than ${agentLimits.maxArgumentDepth} levels` };
  let value: unknown;
  try {
    // JSON.parse defines a `__proto__` key as a plain own property: it never reaches an object's prototype.
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `the arguments are not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'the arguments must be a JSON object of the parameters' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The result as the model reads it (a string as it is, else JSON, cut to the limit) and as the trace keeps it. */
function resultContent(value: unknown): { content: string; traced: unknown } | { error: string } {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  } catch (error) {
    return { error: `the tool's result is not JSON: ${(error as Error).message}` };
  }
  if (text.length > agentLimits.maxResultChars) {
    const content = cut(text, agentLimits.maxResultChars);
    return { content, traced: content };
  }
  // The trace keeps a JSON copy: the tool's value may be part of the state, which later calls change. A value nested
  // too deep for the recursive walks of the store (masking secrets) is kept as its text.
  if (typeof value === 'string' || jsonDepth(text) > agentLimits.maxResultDepth) return { content: text, traced: text };
  return { content: text, traced: JSON.parse(text) };
}

class ToolTimeout extends Error {}

/** Runs `work` until it settles, the timeout passes, or the run stops; the signal given to `work` aborts on either. */
async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, options: ToolCallOptions): Promise<T> {
  const controller = new AbortController();
  const stopped = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  stopped.catch(() => {});
  const onRunAbort = () => controller.abort(new Error('the run was stopped'));
  if (options.signal?.aborted) onRunAbort();
  options.signal?.addEventListener('abort', onRunAbort, { once: true });
  // Timers take at most 2^31 - 1 ms; a longer one would fire at once.
  const timer = setTimeout(() => controller.abort(new ToolTimeout()), Math.min(options.timeoutMs, 2 ** 31 - 1));
  try {
    return await Promise.race([work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onRunAbort);
  }
}

/**
 * Runs one tool call the model asked for and answers it. An unknown tool, arguments that are not a JSON object of
 * the declared parameters, a throw, or a call that outlasts the timeout is an error message the model reads
 * (`isError: true`); nothing the model writes makes this throw.
 */
export async function callTool(
  call: ToolCall,
  tools: ReadonlyMap<string, AgentTool>,
  seed: number,
  options: ToolCallOptions,
): Promise<ToolCallAnswer> {
  const started = options.clock();
  const id = String(call.id);
  const name = String(call.name);
  const args = String(call.arguments ?? '');
  const parsed = parseArguments(args);
  const tracedArguments = parsed.ok ? parsed.value : cut(args, agentLimits.maxQuotedChars * 8);
  const answer = (outcome: AgentToolOutcome): ToolCallAnswer => {
    let content = '';
    let result: unknown;
    let error = outcome.error;
    if (error === undefined) {
      const made = resultContent(outcome.result);
      if ('error' in made) error = made.error;
      else ({ content, traced: result } = made);
    }
    if (error !== undefined) content = cut(error, agentLimits.maxResultChars);
    return {
      message: {
        role: 'tool',
        content,
        toolCallId: id,
        toolName: name,
        ...(error !== undefined ? { isError: true } : {}),
      },
      turn: {
        kind: 'tool',
        callId: id,
        name,
        arguments: tracedArguments,
        ...(error !== undefined ? { error: cut(error, agentLimits.maxResultChars) } : { result }),
        latencyMs: options.clock() - started,
        ...(outcome.child ? { child: outcome.child } : {}),
      },
    };
  };
  const tool = tools.get(name);
  if (!tool) {
    const known = [...tools.keys()].map((known) => `"${known}"`).join(', ');
    return answer({ error: `unknown tool ${quoted(name)}; the tools are ${known || 'none'}` });
  }
  if (!parsed.ok) return answer({ error: `${name}: ${parsed.error}` });
  let checked: Record<string, unknown> = parsed.value;
  if (tool.schema) {
    const result = tool.schema.safeParse(parsed.value);
    if (!result.success) return answer({ error: `${name}: wrong arguments: ${z.prettifyError(result.error)}` });
    checked = result.data as Record<string, unknown>;
  }
  try {
    return answer(await withTimeout((signal) => tool.run(checked, { signal, seed }), options));
  } catch (error) {
    if (error instanceof ToolTimeout)
      return answer({ error: `${name}: no answer within ${options.timeoutMs / 1000} seconds (the tool's timeout)` });
    return answer({ error: `${name}: ${error instanceof Error ? error.message : String(error)}` });
  }
}
