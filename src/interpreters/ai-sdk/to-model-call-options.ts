import type { JSONSchema7 } from 'ai';
import type { InterpreterCall, Message } from '../../contracts/interpreter-call.js';
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from './language-model-v3.js';

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
              input: call.arguments,
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
 * temperature, top-p and maximum of output tokens (each only when set), and a response format as a JSON schema,
 * which each provider turns into its own structured output or reports as unsupported.
 */
export function toModelCallOptions(
  call: InterpreterCall,
  seed: number,
  signal: AbortSignal | undefined,
): LanguageModelV3CallOptions {
  const { settings, responseFormat } = call;
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
    ...(signal === undefined ? {} : { abortSignal: signal }),
  };
}
