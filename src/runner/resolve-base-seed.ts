import type { Program } from '../program/program.js';

/**
 * The base seed a program runs with, the one rule for `informal test`, the vitest plugin and every caller of the
 * engine: the suite's `seed` option (`--seed`, the plugin's `seed`) first, then the program's `sample … seed`,
 * which is 0, the default, when the program names none. Seeds of samples derive from it, so the plan, the store
 * and the engine must all use this one.
 */
export function resolveBaseSeed(program: Pick<Program, 'sampling'>, seed?: number): number {
  return seed ?? program.sampling.seed;
}
