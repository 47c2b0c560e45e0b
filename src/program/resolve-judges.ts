import type { JudgeItem, TemplatePart } from '../lang/ast.js';
import { suggest } from '../lang/suggest.js';
import type { JudgeDeclaration } from './program.js';
import { type DiagnosticSink, listNames, type ResolveContext } from './resolve-context.js';
import { promptParts } from './resolve-steps.js';
import { applySamplingSetting } from './sampling-setting.js';

/**
 * Resolves `judge` items: settings given once and in range, and a rubric whose `{{ }}` names the inputs, `output`,
 * `steps` or `expected`.
 */
/** The most answers a judge gives per verdict: each is a call to its interpreter for every sample. */
const maxJudgeSamples = 1000;

export function resolveJudges(
  items: readonly JudgeItem[],
  valueNames: readonly string[],
  context: ResolveContext,
  sink: DiagnosticSink,
): JudgeDeclaration[] {
  const judges: JudgeDeclaration[] = [];
  const readable = ['output', 'steps', 'expected', ...valueNames];
  for (const item of items) {
    let interpreter: string | undefined;
    let samples = 1;
    const settings: { temperature?: number; topP?: number; maxTokens?: number } = {};
    const given = new Set<string>();
    for (const setting of item.settings) {
      if (given.has(setting.name)) sink.error('R007', `\`${setting.name}\` is given twice`, setting.span);
      given.add(setting.name);
      switch (setting.name) {
        case 'model':
          interpreter = setting.value;
          break;
        case 'samples':
          if (setting.value < 1) sink.error('R016', 'a judge draws at least 1 sample', setting.span);
          if (setting.value > maxJudgeSamples) {
            sink.error('R016', `a judge draws at most ${maxJudgeSamples} samples per verdict`, setting.span);
          }
          samples = setting.value;
          break;
        default:
          if (applySamplingSetting({ name: setting.name, value: setting.value, span: setting.span }, settings, sink))
            break;
          sink.error(
            'R027',
            'a judge takes no `seed`: its verdicts are seeded from the sample they judge',
            setting.span,
            'remove `seed`',
          );
      }
    }
    const parts: readonly TemplatePart[] = promptParts(item.rubric, context, sink) ?? [];
    for (const part of parts) {
      if (part.kind !== 'interpolation') continue;
      const root = part.path[0] ?? '';
      if (readable.includes(root)) continue;
      const guess = suggest(root, readable);
      sink.error(
        'R001',
        `unknown name \`${root}\` in the rubric of judge \`${item.name.name}\``,
        part.span,
        guess ? `did you mean \`${guess}\`?` : `a rubric reads ${listNames(readable)}`,
      );
    }
    judges.push({
      name: item.name.name,
      ...(interpreter !== undefined ? { interpreter } : {}),
      samples,
      settings,
      messages: [{ role: 'user', parts }],
      span: item.span,
    });
  }
  return judges;
}
