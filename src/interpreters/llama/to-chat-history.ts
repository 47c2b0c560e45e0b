import type { Message } from '../../contracts/interpreter-call.js';
import type { LlamaChatHistoryItem } from './node-llama-cpp-api.js';
import { toolTurnText } from './tool-answer.js';

/** How a turn with tools shows in the history: the tools' instructions for the system prompt. */
export interface ToolHistory {
  /** Added to the first system message (or as one, first, when there is none). */
  readonly instructions: string;
}

/**
 * Turns a call's messages into node-llama-cpp's chat history, ending with the model's turn to answer. A final
 * assistant message is a prefix the model continues; the generated text does not repeat it. In a turn with tools
 * (`tools`), the system prompt gets the tools' instructions and the assistant's earlier turns read as the JSON it
 * answers in (see `toolTurnText`); without, an assistant's tool calls still read as that JSON. A tool's result
 * reads as a user message naming the tool and the call (node-llama-cpp's history has no tool role outside its own
 * function calling).
 */
export function toChatHistory(messages: readonly Message[], tools?: ToolHistory): LlamaChatHistoryItem[] {
  const history: LlamaChatHistoryItem[] = messages.map((message): LlamaChatHistoryItem => {
    switch (message.role) {
      case 'system':
        return { type: 'system', text: message.content };
      case 'user':
        return { type: 'user', text: message.content };
      case 'assistant': {
        const calls = message.toolCalls ?? [];
        if (tools === undefined && calls.length === 0) return { type: 'model', response: [message.content] };
        return { type: 'model', response: [toolTurnText(message.content, calls)] };
      }
      case 'tool':
        return {
          type: 'user',
          text: `${message.isError ? 'Error' : 'Result'} of ${message.toolName} (${message.toolCallId}): ${message.content}`,
        };
      default:
        return message satisfies never;
    }
  });
  if (tools !== undefined && tools.instructions !== '') {
    const first = history.findIndex((item) => item.type === 'system');
    const system = first === -1 ? undefined : history[first];
    if (system?.type === 'system') {
      history[first] = { type: 'system', text: `${system.text}\n\n${tools.instructions}` };
    } else history.unshift({ type: 'system', text: tools.instructions });
  }
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}
