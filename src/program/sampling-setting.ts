import type { SampleSettingName } from '../lang/ast.js';
import type { SourceSpan } from '../lang/source-span.js';
import type { DiagnosticSink } from './resolve-context.js';

/** The highest temperature any interpreter accepts (OpenAI-compatible servers and the AI SDK's providers). */
const maxTemperature = 2;

/**
 * Checks one of `temperature`, `top_p` and `max_tokens` and writes it into `settings`, for `sample` and `judge`
 * lines alike. Returns false for a setting it does not handle (`seed`), which the caller decides about.
 */
export function applySamplingSetting(
  setting: { readonly name: SampleSettingName; readonly value: number; readonly span: SourceSpan },
  settings: { temperature?: number; topP?: number; maxTokens?: number },
  sink: DiagnosticSink,
): boolean {
  switch (setting.name) {
    case 'temperature':
      if (!(setting.value >= 0 && setting.value <= maxTemperature)) {
        sink.error(
          'R019',
          `\`temperature\` must be between 0 and ${maxTemperature}`,
          setting.span,
          "0 samples greedily; 1 is the model's own distribution; interpreters accept at most 2",
        );
      }
      settings.temperature = setting.value;
      return true;
    case 'top_p':
      if (!(setting.value >= 0 && setting.value <= 1)) {
        sink.error('R019', '`top_p` must be between 0 and 1', setting.span);
      }
      settings.topP = setting.value;
      return true;
    case 'max_tokens':
      if (!Number.isInteger(setting.value) || setting.value < 1) {
        sink.error('R019', '`max_tokens` must be a whole number of at least 1', setting.span);
      }
      settings.maxTokens = setting.value;
      return true;
    case 'seed':
      return false;
    default:
      return setting.name satisfies never;
  }
}

/** Checks a `seed` setting (of `sample` or `simulate user`): a whole number an interpreter can take. */
export function checkSeed(
  setting: { readonly value: number; readonly span: SourceSpan },
  sink: DiagnosticSink,
): number {
  if (!Number.isSafeInteger(setting.value) || setting.value < 0) {
    sink.error('R019', `\`seed\` must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`, setting.span);
  }
  return setting.value;
}
