import type { FinishReason as AiSdkFinishReason } from 'ai';
import type { FinishReason } from '../../contracts/step-result.js';

/** Our finish reason for the AI SDK's, the same names; none (a stream that never said) counts as `other`. */
export function toFinishReason(reason: AiSdkFinishReason | undefined): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content-filter':
    case 'error':
    case 'other':
    case 'tool-calls':
      return reason;
    case undefined:
      return 'other';
    default:
      return reason satisfies never;
  }
}
