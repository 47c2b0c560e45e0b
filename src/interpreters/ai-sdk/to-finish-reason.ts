import type { FinishReason as AiSdkFinishReason } from 'ai';
import type { FinishReason } from '../../contracts/step-result.js';

/** Our finish reason for the AI SDK's: a tool call (which our steps never ask for) counts as `other`. */
export function toFinishReason(reason: AiSdkFinishReason | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'error':
    case 'other':
      return reason;
    case 'tool-calls':
    case undefined:
      return 'other';
    default:
      return reason satisfies never;
  }
}
