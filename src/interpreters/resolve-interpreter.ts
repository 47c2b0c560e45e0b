import { suggest } from '../lang/suggest.js';
import type { Interpreter } from './interpreter.js';
import { createSimInterpreter } from './sim/sim-interpreter.js';
import { simProfiles } from './sim/sim-profile.js';

/** A failure to turn an interpreter id into an interpreter, as data: what is wrong and how to fix it. */
export interface InterpreterIdError {
  readonly message: string;
  readonly hint: string;
}

export type ResolveInterpreterResult =
  | { readonly ok: true; readonly interpreter: Interpreter }
  | { readonly ok: false; readonly error: InterpreterIdError };

const providers = ['sim'] as const;

/** Turns an id in the form `provider:model` (or `sim`) into an interpreter. */
export function resolveInterpreter(id: string): ResolveInterpreterResult {
  const colon = id.indexOf(':');
  const provider = colon === -1 ? id : id.slice(0, colon);
  const model = colon === -1 ? '' : id.slice(colon + 1);
  if (provider === 'sim') {
    const profile = simProfiles[model || 'medium'];
    if (profile) return { ok: true, interpreter: createSimInterpreter(profile, model ? id : 'sim') };
    const names = Object.keys(simProfiles);
    const guess = suggest(model, names);
    return {
      ok: false,
      error: {
        message: `unknown simulator profile \`${model}\` in \`${id}\``,
        hint: guess
          ? `did you mean \`sim:${guess}\`?`
          : `the profiles are ${names.map((name) => `sim:${name}`).join(', ')}`,
      },
    };
  }
  const guess = suggest(provider, providers);
  return {
    ok: false,
    error: {
      message: `unknown interpreter provider \`${provider}\` in \`${id}\``,
      hint: guess
        ? `did you mean \`${guess}\`?`
        : `this version knows ${providers.map((name) => `\`${name}:…\``).join(', ')}`,
    },
  };
}
