import type { JSONSchema7 } from 'ai';
import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import type { ToolChoice } from '../../contracts/tool.js';
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from './language-model-v3.js';

/**
 * A tool call's arguments as a prompt's `tool-call` part takes them: the model's text when it is a JSON object
 * (each provider sends it on, or parses it, as it needs), else `{}`, as the AI SDK itself does for a call whose
 * arguments could not be read, so that no provider refuses the history (the tool's error message says what went
 * wrong).
 */
export function toToolInput(text: string): string | Record<string, never> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return text;
  } catch {
    // Not JSON: sent as an empty object.
  }
  return {};
}

/** Our tool choice in the provider's form. */
export function toToolChoice(choice: ToolChoice): NonNullable<LanguageModelV3CallOptions['toolChoice']> {
  return typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.tool };
}

/**
 * The provider options that ask for one tool call per turn (or allow several), by the provider's name (the part
 * of `model.provider` before the dot): `parallelToolCalls` for OpenAI, `disableParallelToolUse` for Anthropic,
 * none for Google (which has no such setting: undefined), and for an OpenAI-compatible provider of another name
 * `parallel_tool_calls` under its name in camel case, which it passes on into the request's body.
 */
export function parallelToolCallsOptions(
  provider: string,
  parallel: boolean,
): LanguageModelV3CallOptions['providerOptions'] | undefined {
  const name = provider.split('.')[0]?.trim() ?? '';
  switch (name) {
    case 'openai':
      return { openai: { parallelToolCalls: parallel } };
    case 'anthropic':
      return { anthropic: { disableParallelToolUse: !parallel } };
    case 'google':
      return undefined;
    default:
      // The provider reads its options under its name in camel case too, and warns about `openai-compatible`.
      return name === ''
        ? undefined
        : {
            [name.replace(/[_-]([a-z])/g, (_, letter: string) => letter.toUpperCase())]: {
              parallel_tool_calls: parallel,
            },
          };
  }
}

/** Our messages in the provider's form, as the AI SDK's `generateText` would send them (system messages anywhere). */
export function toLanguageModelPrompt(messages: readonly Message[]): LanguageModelV3Prompt {
  return messages.map((message): LanguageModelV3Prompt[number] => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
        return { role: 'user', content: [{ type: 'text', text: message.content }] };
      case 'assistant':
        return {
          role: 'assistant',
          content: [
            ...(message.content === '' ? [] : [{ type: 'text' as const, text: message.content }]),
            ...(message.toolCalls ?? []).map((call) => ({
              type: 'tool-call' as const,
              toolCallId: call.id,
              toolName: call.name,
              input: toToolInput(call.arguments),
            })),
          ],
        };
      case 'tool':
        return {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: message.toolCallId,
              toolName: message.toolName,
              output: message.isError
                ? { type: 'error-text', value: message.content }
                : { type: 'text', value: message.content },
            },
          ],
        };
      default:
        return message satisfies never;
    }
  });
}

/**
 * The options of one provider-level call (`doGenerate` or `doStream`): the prompt, the sample's seed, the call's
 * temperature, top-p and maximum of output tokens (each only when set), a response format as a JSON schema,
 * which each provider turns into its own structured output or reports as unsupported, and the call's tools (as
 * function tools with their JSON schemas), tool choice and, for the provider `provider` (see
 * `parallelToolCallsOptions`), whether one turn may call several.
 */
export function toModelCallOptions(
  call: InterpreterCall,
  seed: number,
  signal: AbortSignal | undefined,
  provider = '',
): LanguageModelV3CallOptions {
  const { settings, responseFormat } = call;
  const tools = call.tools ?? [];
  const parallel =
    tools.length > 0 && call.parallelToolCalls !== undefined
      ? parallelToolCallsOptions(provider, call.parallelToolCalls)
      : undefined;
  return {
    prompt: toLanguageModelPrompt(call.messages),
    seed,
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
    ...(settings.topP === undefined ? {} : { topP: settings.topP }),
    ...(settings.maxTokens === undefined ? {} : { maxOutputTokens: settings.maxTokens }),
    ...(responseFormat
      ? {
          responseFormat: {
            type: 'json',
            schema: responseFormat.schema as JSONSchema7,
            ...(responseFormat.name === undefined ? {} : { name: responseFormat.name }),
          },
        }
      : {}),
    ...(tools.length === 0
      ? {}
      : {
          tools: tools.map((tool) => ({
            type: 'function' as const,
            name: tool.name,
            description: tool.description,
            inputSchema: tool.parameters as JSONSchema7,
          })),
          ...(call.toolChoice === undefined ? {} : { toolChoice: toToolChoice(call.toolChoice) }),
        }),
    ...(parallel === undefined ? {} : { providerOptions: parallel }),
    ...(signal === undefined ? {} : { abortSignal: signal }),
  };
}
