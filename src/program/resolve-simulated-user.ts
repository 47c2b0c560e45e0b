import type { SimulateUserItem, TemplatePart } from '../lang/ast.js';
import { suggest } from '../lang/suggest.js';
import type { SimulatedUserDeclaration } from './program.js';
import { type DiagnosticSink, listNames, type ResolveContext } from './resolve-context.js';
import { promptParts } from './resolve-steps.js';
import { applySamplingSetting, checkSeed } from './sampling-setting.js';

/** The turns a simulated user takes when `max_turns` is not given. */
export const defaultUserTurns = 10;
/** The text by which a simulated user ends the conversation when `stop` is not given. */
export const defaultStop = '###STOP###';
/** The most turns a simulated user may take: each is an interpreter call, and an agent loop runs between two. */
const maxUserTurns = 1000;

/**
 * Resolves `simulate user`: its settings given once and in range, and instructions whose `{{ }}` name the inputs
 * (a simulated user reads the case's inputs, nothing the program computes).
 */
export function resolveSimulatedUser(
  item: SimulateUserItem,
  inputNames: readonly string[],
  context: ResolveContext,
  sink: DiagnosticSink,
): SimulatedUserDeclaration {
  let interpreter: string | undefined;
  let maxTurns = defaultUserTurns;
  let stop = defaultStop;
  let seed: number | undefined;
  const settings: { temperature?: number; topP?: number; maxTokens?: number } = {};
  const given = new Set<string>();
  for (const setting of item.settings) {
    if (given.has(setting.name)) sink.error('R007', `\`${setting.name}\` is given twice`, setting.span);
    given.add(setting.name);
    switch (setting.name) {
      case 'model':
        interpreter = setting.value;
        break;
      case 'stop':
        if (setting.value.trim() === '') {
          sink.error(
            'R048',
            "the simulated user's `stop` must hold some text",
            setting.span,
            `the user ends the conversation by saying it; the default is \`stop "${defaultStop}"\``,
          );
        }
        stop = setting.value;
        break;
      case 'max_turns':
        if (!Number.isInteger(setting.value) || setting.value < 1 || setting.value > maxUserTurns) {
          sink.error(
            'R048',
            `the simulated user's \`max_turns\` must be a whole number from 1 to ${maxUserTurns}, got ${setting.value}`,
            setting.span,
            `how many times the user may speak; the default is ${defaultUserTurns}`,
          );
        }
        maxTurns = setting.value;
        break;
      default:
        if (applySamplingSetting({ name: setting.name, value: setting.value, span: setting.span }, settings, sink))
          break;
        seed = checkSeed(setting, sink);
    }
  }
  const instructions: readonly TemplatePart[] = promptParts(item.instructions, context, sink) ?? [];
  for (const part of instructions) {
    if (part.kind !== 'interpolation') continue;
    const root = part.path[0] ?? '';
    if (inputNames.includes(root)) continue;
    const guess = suggest(root, inputNames);
    sink.error(
      'R001',
      `unknown input \`${root}\` in the instructions of the simulated user`,
      part.span,
      guess
        ? `did you mean \`${guess}\`?`
        : inputNames.length > 0
          ? `the simulated user reads the case's inputs: ${listNames(inputNames)}`
          : `declare it with \`input ${root}: string\``,
    );
  }
  return {
    ...(interpreter !== undefined ? { interpreter } : {}),
    maxTurns,
    stop,
    settings,
    ...(seed !== undefined ? { seed } : {}),
    instructions,
    span: item.span,
  };
}
