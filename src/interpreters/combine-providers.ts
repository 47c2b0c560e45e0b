import type { InterpreterProvider } from '../contracts/interpreter-provider.js';

/**
 * The providers `base` (the built-in ones, say) with `added` (the config's) on top: an added provider of a name in
 * `base` takes that one's place, the others follow in their order. Hints list providers in this order.
 */
export function combineProviders(
  base: readonly InterpreterProvider[],
  added: readonly InterpreterProvider[],
): readonly InterpreterProvider[] {
  if (added.length === 0) return base;
  const byName = new Map(added.map((provider) => [provider.name, provider]));
  const kept = base.map((provider) => byName.get(provider.name) ?? provider);
  const baseNames = new Set(base.map((provider) => provider.name));
  return [...kept, ...added.filter((provider) => !baseNames.has(provider.name))];
}
