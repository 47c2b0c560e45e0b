import type { InterpreterCall } from '../../contracts/interpreter-call.js';
import type { InterpreterWarning } from '../../contracts/step-result.js';

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
 * The body of `POST {baseURL}/chat/completions` for one call: `model`, `messages` (each `{ role, content }`, in
 * order), `temperature`, `top_p` and `max_tokens` when the call sets them, the sample's `seed`, a `response_format`
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
    messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
    temperature: settings.temperature,
    top_p: settings.topP,
    max_tokens: settings.maxTokens,
    seed,
  };
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
