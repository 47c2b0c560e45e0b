import type { Message } from '../../contracts/interpreter-call.js';
import type { LlamaChatHistoryItem } from './node-llama-cpp-api.js';

/**
 * Turns a call's messages into node-llama-cpp's chat history, ending with the model's turn to answer. A final
 * assistant message is a prefix the model continues; the generated text does not repeat it.
 */
export function toChatHistory(messages: readonly Message[]): LlamaChatHistoryItem[] {
  const history: LlamaChatHistoryItem[] = messages.map((message): LlamaChatHistoryItem => {
    switch (message.role) {
      case 'system':
        return { type: 'system', text: message.content };
      case 'user':
        return { type: 'user', text: message.content };
      case 'assistant':
        return { type: 'model', response: [message.content] };
      case 'tool':
        // Until tools are native here, a result reads as the user's report of it.
        return { type: 'user', text: `Result of ${message.toolName} (${message.toolCallId}): ${message.content}` };
      default:
        return message satisfies never;
    }
  });
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}
