import type { CallWarning } from 'ai';
import type { InterpreterWarning } from '../../contracts/step-result.js';

/**
 * Our warning for one of the AI SDK's call warnings. An unsupported feature (`seed`, `topP`, `responseFormat`…)
 * becomes `unsupported-setting` naming it; compatibility modes and other notes become `other`.
 */
export function toInterpreterWarning(warning: CallWarning): InterpreterWarning {
  switch (warning.type) {
    case 'unsupported':
      return {
        type: 'unsupported-setting',
        setting: warning.feature,
        message: `the backend ignores the setting \`${warning.feature}\`${warning.details ? `: ${warning.details}` : ''}`,
      };
    case 'compatibility':
      return {
        type: 'other',
        message: `\`${warning.feature}\` runs in a compatibility mode${warning.details ? `: ${warning.details}` : ''}`,
      };
    case 'other':
      return { type: 'other', message: warning.message };
    default:
      return warning satisfies never;
  }
}
