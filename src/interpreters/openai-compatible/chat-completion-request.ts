import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import type { InterpreterWarning } from '../../contracts/step-result.js';
import type { ToolChoice } from '../../contracts/tool.js';

/** How to write the requests of one interpreter. */
export interface ChatRequestOptions {
  /** The model the server serves, sent as `model`. */
  readonly model: string;
  /** Whether the server takes `response_format: json_schema`; when false, a typed output asks for `json_object`. */
  readonly structuredOutputs: boolean;
}

/** The body of one chat-completions request, as JSON text, and what it could not carry. */
export interface ChatRequestBody {
  readonly json: string;
  readonly warnings: readonly InterpreterWarning[];
}

const schemaDropped: InterpreterWarning = {
  type: 'unsupported-setting',
  setting: 'responseFormat',
  message:
    'the backend ignores the setting `responseFormat`: the server takes no JSON schema (`structuredOutputs` is false), so only JSON was asked for',
};

/**
 * A message as chat completions take it: `{ role, content }`; an assistant's tool calls as `tool_calls` (`{ id,
 * type: 'function', function: { name, arguments } }`, the arguments as the model wrote them); a tool's result as
 * `{ role: 'tool', tool_call_id, content }` (an error's message is its content, as the model reads it).
 */
export function toChatMessage(message: Message): Record<string, unknown> {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    default:
      return message satisfies never;
  }
}

/** `tool_choice` for our choice: `auto`, `required`, `none`, or `{ type: 'function', function: { name } }`. */
export function toToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.tool } };
}

/**
 * The body of `POST {baseURL}/chat/completions` for one call: `model`, `messages` (in order, see `toChatMessage`),
 * the call's tools when it offers any (`tools` as `{ type: 'function', function: { name, description, parameters
 * } }`, `tool_choice` when the call sets one, `parallel_tool_calls` when the call sets it: servers that do not know
 * it ignore it, and it is sent only with tools, as OpenAI requires), `temperature`, `top_p` and `max_tokens` when the call sets them, the sample's `seed`, a `response_format`
 * for a typed output (`json_schema` with the schema, `strict: true` and its name, `response` by default; or
 * `json_object` with a warning when structured outputs are off), and, when streaming, `stream: true` with
 * `stream_options.include_usage`, so that the last event carries the token usage.
 */
export function toChatRequestBody(
  call: InterpreterCall,
  seed: number,
  streaming: boolean,
  options: ChatRequestOptions,
): ChatRequestBody {
  const { settings, responseFormat } = call;
  const body: Record<string, unknown> = {
    model: options.model,
    messages: call.messages.map(toChatMessage),
    temperature: settings.temperature,
    top_p: settings.topP,
    max_tokens: settings.maxTokens,
    seed,
  };
  const tools = call.tools ?? [];
  if (tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
    if (call.toolChoice !== undefined) body.tool_choice = toToolChoice(call.toolChoice);
    if (call.parallelToolCalls !== undefined) body.parallel_tool_calls = call.parallelToolCalls;
  }
  let warnings: readonly InterpreterWarning[] = [];
  if (responseFormat) {
    if (options.structuredOutputs) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { schema: responseFormat.schema, strict: true, name: responseFormat.name ?? 'response' },
      };
    } else {
      body.response_format = { type: 'json_object' };
      warnings = [schemaDropped];
    }
  }
  if (streaming) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  // JSON.stringify leaves out the settings the call does not set (undefined).
  return { json: JSON.stringify(body), warnings };
}
