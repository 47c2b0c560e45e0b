import type { InformalConfig } from './informal-config.js';

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
}

/** Looks a name up among the config's interpreter aliases; a name that is not an alias is an id. */
export function interpreterEntry(name: string, config: InformalConfig): InterpreterEntry {
  const alias = config.interpreters?.[name];
  if (alias === undefined) return { name, id: name };
  if (typeof alias === 'string') return { name, id: alias };
  return { name, ...alias };
}
