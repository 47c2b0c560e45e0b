import type {
  InterpreterProvider,
  ProviderOptions,
  ResolveInterpreterResult,
} from '../contracts/interpreter-provider.js';
import { suggest } from '../lang/suggest.js';
import { aiSdkProviders } from './ai-sdk/index.js';
import { llamaProvider } from './llama/llama-provider.js';
import { openaiCompatibleProvider } from './openai-compatible/openai-compatible-provider.js';
import { replayProvider } from './replay/replay-provider.js';
import { simProvider } from './sim/sim-provider.js';

/** The providers built in, by name. */
export const builtinProviders: readonly InterpreterProvider[] = [
  simProvider,
  ...aiSdkProviders,
  openaiCompatibleProvider,
  llamaProvider,
  replayProvider,
];

/** Splits `provider:model` at the first colon; `sim` alone has an empty model. */
export function parseInterpreterId(id: string): { provider: string; model: string } {
  const colon = id.indexOf(':');
  return colon === -1 ? { provider: id, model: '' } : { provider: id.slice(0, colon), model: id.slice(colon + 1) };
}

/**
 * Turns an id in the form `provider:model` into an interpreter, checking what can be checked before sampling
 * (keys, files, packages). Problems come back as data with a hint, never as exceptions.
 */
export async function resolveInterpreter(
  id: string,
  options: Partial<ProviderOptions> = {},
  providers: readonly InterpreterProvider[] = builtinProviders,
): Promise<ResolveInterpreterResult> {
  const { provider: name, model } = parseInterpreterId(id);
  const provider = providers.find((candidate) => candidate.name === name);
  if (!provider) {
    const names = providers.map((candidate) => candidate.name);
    const guess = suggest(name, names);
    return {
      ok: false,
      error: {
        message: `unknown interpreter provider \`${name}\` in \`${id}\``,
        hint: guess
          ? `did you mean \`${guess}:${model}\`?`
          : `the providers are ${names.map((known) => `\`${known}:…\``).join(', ')}`,
      },
    };
  }
  return provider.create(model, { env: process.env, cwd: process.cwd(), ...options });
}
