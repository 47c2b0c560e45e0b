import type { InformalConfig } from '../config/informal-config.js';
import type { Program } from '../program/program.js';
import { defaultInterpreterId } from './run-suite-options.js';

/**
 * The interpreters a program runs on, as the suite names them (ids or config aliases): those requested for every
 * program (`--interpreter`, repeatable), when any, each once; else the program's `model`; else the config's
 * `defaultInterpreter`; else `sim`. The one rule of `informal test` and the vitest plugin.
 */
export function interpreterNamesOf(
  program: Program,
  config: Pick<InformalConfig, 'defaultInterpreter'>,
  requested?: readonly string[],
): readonly string[] {
  if (requested?.length) return [...new Set(requested)];
  return [program.defaultInterpreter ?? config.defaultInterpreter ?? defaultInterpreterId];
}
