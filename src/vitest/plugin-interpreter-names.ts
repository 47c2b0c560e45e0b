import type { InformalConfig } from '../config/informal-config.js';
import type { Program } from '../program/program.js';
import { interpreterNamesOf } from '../runner/interpreter-names-of.js';

/**
 * The interpreters the plugin runs a program on, by the rule of `informal test` (`interpreterNamesOf`), with the
 * plugin's `interpreter` option in the place of the config's `defaultInterpreter`: the program's `model` when it
 * names one; else each interpreter of the option; else the config's `defaultInterpreter`; else `sim`. So a program
 * runs on the interpreter `informal test` runs it on whenever it names its `model`, or the config names the same
 * default as the option.
 */
export function pluginInterpreterNames(
  program: Program,
  config: Pick<InformalConfig, 'defaultInterpreter'>,
  interpreters: readonly string[],
): readonly string[] {
  if (interpreters.length === 0) return interpreterNamesOf(program, config);
  const names = interpreters.flatMap((name) => interpreterNamesOf(program, { ...config, defaultInterpreter: name }));
  return [...new Set(names)];
}
