import type { InformalConfig } from './informal-config.js';
import type { InterpreterPriceSetting } from './interpreter-price-setting.js';

/** An interpreter as a run uses it: its id, and the config's settings for it. */
export interface InterpreterEntry {
  /** What the user wrote: an alias such as `small`, or an id. */
  readonly name: string;
  readonly id: string;
  readonly baseURL?: string;
  readonly concurrency?: number;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** What its calls cost, as the config sets it; the catalogue's or the simulator's price when absent. */
  readonly price?: InterpreterPriceSetting;
}

/**
 * Built-in providers of hosted APIs, which take their endpoint as `settings.baseURL` (a proxy, a gateway, a server
 * that speaks their API): an entry's `baseURL` is passed to them there.
 */
export const hostedProviderNames = ['openai', 'anthropic', 'google'] as const;

/** Built-in providers that talk to no server: an entry's `baseURL` would mean nothing to them. */
export const serverlessProviderNames = ['sim', 'replay', 'llama'] as const;

/** The provider part of an interpreter id: `openai` for `openai:gpt-4o-mini`. */
export const providerOfId = (id: string): string => id.slice(0, Math.max(id.indexOf(':'), 0)) || id;

/**
 * Looks a name up among the config's interpreter aliases; a name that is not an alias is an id. The endpoint of
 * an entry for a hosted API (`openai:`, `anthropic:`, `google:`) goes to the provider as `settings.baseURL`, so
 * that calls and the key go where the entry says, never to the hosted API instead.
 */
export function interpreterEntry(name: string, config: InformalConfig): InterpreterEntry {
  const alias = config.interpreters?.[name];
  if (alias === undefined) return { name, id: name };
  if (typeof alias === 'string') return { name, id: alias };
  const { baseURL, ...rest } = alias;
  if (baseURL !== undefined && (hostedProviderNames as readonly string[]).includes(providerOfId(alias.id))) {
    return { name, ...rest, settings: { ...rest.settings, baseURL } };
  }
  return { name, ...alias };
}
