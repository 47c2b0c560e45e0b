import type { FinishReason } from '../../contracts/step-result.js';

/**
 * Our finish reason for a chat completion's `finish_reason`: `stop`, `length`, `content_filter`, `stop` with a
 * refusal as `content-filter`, `tool_calls` (and the older `function_call`) as `tool-calls`; a missing reason and
 * anything else as `other`.
 */
export function toFinishReason(reason: unknown, refused: boolean): FinishReason {
  switch (reason) {
    case 'stop':
      return refused ? 'content-filter' : 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
