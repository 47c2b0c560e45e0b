import type { FinishReason } from '../../contracts/step-result.js';

/**
 * Our finish reason for a chat completion's `finish_reason`: `stop`, `length`, `content_filter`, and `stop` with a
 * refusal as `content-filter`; tool calls (which our steps never ask for), a missing reason and anything else as
 * `other`.
 */
export function toFinishReason(reason: unknown, refused: boolean): FinishReason {
  switch (reason) {
    case 'stop':
      return refused ? 'content-filter' : 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
