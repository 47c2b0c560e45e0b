import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import type { ToolCall, ToolDefinition } from '../../contracts/tool.js';
import { toGrammarSchema } from './to-grammar-schema.js';

/** The JSON schema a turn with tools answers in, for a grammar, and what of the tools' schemas it cannot enforce. */
export interface ToolAnswerFormat {
  /** `{"tool_calls": [{"name", "arguments"}, …]}` or `{"answer": …}`, as the tool choice allows. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly unenforced: readonly string[];
  /** What the model is told about the tools and the form of its answer, added to the system prompt. */
  readonly instructions: string;
}

/**
 * The answer format of a turn that offers tools, or undefined when it offers none or the choice is `none` (then
 * the model answers in text, as without tools). The model answers in JSON, constrained by a grammar: either tool
 * calls, `{"tool_calls": [{"name": <a tool's name>, "arguments": <that tool's parameters>}]}` (at least one call;
 * at most one when parallel calls are off; only the named tool for a named choice), or, unless the choice is
 * `required` or a named tool, an answer, `{"answer": <text, or the response format's value>}`.
 */
export function toolAnswerFormat(call: InterpreterCall): ToolAnswerFormat | undefined {
  const offered = call.tools ?? [];
  const choice = call.toolChoice ?? 'auto';
  if (offered.length === 0 || choice === 'none') return undefined;
  const tools = typeof choice === 'string' ? offered : offered.filter((tool) => tool.name === choice.tool);
  const unenforced = new Set<string>();
  const grammarOf = (schema: Readonly<Record<string, unknown>>) => {
    const converted = toGrammarSchema(schema);
    for (const keyword of converted.unenforced) unenforced.add(keyword);
    return converted.schema;
  };
  const callSchemas = tools.map((tool) => ({
    type: 'object',
    properties: { name: { const: tool.name }, arguments: grammarOf(tool.parameters) },
    required: ['name', 'arguments'],
    additionalProperties: false,
  }));
  const calls = {
    type: 'object',
    properties: {
      tool_calls: {
        type: 'array',
        items: callSchemas.length === 1 ? callSchemas[0] : { oneOf: callSchemas },
        minItems: 1,
        ...(call.parallelToolCalls === false ? { maxItems: 1 } : {}),
      },
    },
    required: ['tool_calls'],
    additionalProperties: false,
  };
  const mayAnswer = choice === 'auto' && tools.length > 0;
  const answer = {
    type: 'object',
    properties: { answer: call.responseFormat ? grammarOf(call.responseFormat.schema) : { type: 'string' } },
    required: ['answer'],
    additionalProperties: false,
  };
  return {
    schema: tools.length === 0 ? answer : mayAnswer ? { oneOf: [calls, answer] } : calls,
    unenforced: [...unenforced],
    instructions: toolInstructions(tools, mayAnswer || tools.length === 0),
  };
}

function toolInstructions(tools: readonly ToolDefinition[], mayAnswer: boolean): string {
  const listed = tools.map(
    (tool) => `- ${tool.name}: ${tool.description}\n  arguments (JSON Schema): ${JSON.stringify(tool.parameters)}`,
  );
  return [
    tools.length > 0 ? `You can call these tools:\n${listed.join('\n')}` : '',
    tools.length > 0
      ? 'To call tools, answer with JSON: {"tool_calls": [{"name": "<tool>", "arguments": {…}}]}. The results follow.'
      : '',
    mayAnswer ? 'To answer, write JSON: {"answer": <your answer>}.' : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** What the model answered in the tool format: its calls (ids `call_<position>`), or its answer as text. */
export type ToolAnswer =
  | { readonly type: 'calls'; readonly toolCalls: readonly ToolCall[] }
  | { readonly type: 'answer'; readonly text: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads an answer written in the tool format. The grammar makes it well-formed, unless generation stopped early
 * (the token limit): text that is not the format's JSON is undefined, and the caller keeps it as the answer's
 * text. An answer's text is its string, or the JSON of its value for a typed answer (`typed`) or one not a string.
 */
export function readToolAnswer(text: string, typed = false): ToolAnswer | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  if (Array.isArray(parsed.tool_calls)) {
    const toolCalls: ToolCall[] = [];
    for (const [position, item] of parsed.tool_calls.entries()) {
      if (!isRecord(item) || typeof item.name !== 'string') return undefined;
      toolCalls.push({ id: `call_${position}`, name: item.name, arguments: JSON.stringify(item.arguments ?? {}) });
    }
    return toolCalls.length > 0 ? { type: 'calls', toolCalls } : undefined;
  }
  if ('answer' in parsed) {
    const { answer } = parsed;
    return { type: 'answer', text: typeof answer === 'string' && !typed ? answer : JSON.stringify(answer) };
  }
  return undefined;
}

/**
 * The text of an assistant's earlier turn, in the tool format, as the model would have written it: its calls
 * (arguments that are JSON as values, others as the text they were), or its answer.
 */
export function toolTurnText(content: string, toolCalls: readonly ToolCall[]): string {
  if (toolCalls.length === 0) return JSON.stringify({ answer: content });
  return JSON.stringify({
    tool_calls: toolCalls.map((call) => {
      let args: unknown = call.arguments;
      try {
        args = JSON.parse(call.arguments);
      } catch {
        // Kept as the text the model wrote.
      }
      return { name: call.name, arguments: args };
    }),
  });
}
