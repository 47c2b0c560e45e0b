import type { InformalConfig } from '../config/informal-config.js';
import { interpreterEntry } from '../config/interpreter-entry.js';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import { combineProviders } from '../interpreters/combine-providers.js';
import { builtinProviders, parseInterpreterId } from '../interpreters/resolve-interpreter.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import { suggest } from '../lang/suggest.js';
import type { LoadedProgram } from '../program/load-program.js';

/**
 * Checks, without setting anything up, that every interpreter a valid program names can exist: an alias of the
 * config, or an id whose provider is built in or added by the config, and whose model that provider can serve
 * (`sim:huge` cannot). Keys, files and servers are left to `informal test`, which sets interpreters up.
 */
export function checkInterpreterNames(
  loaded: LoadedProgram,
  config: InformalConfig,
  providers: readonly InterpreterProvider[] = builtinProviders,
): Diagnostic[] {
  if (!loaded.program) return [];
  const known = combineProviders(providers, config.providers ?? []);
  const names = known.map((provider) => provider.name);
  const diagnostics: Diagnostic[] = [];
  for (const { name, span } of loaded.program.interpreterNames ?? []) {
    const { id } = interpreterEntry(name, config);
    const { provider: providerName, model } = parseInterpreterId(id);
    const provider = known.find((candidate) => candidate.name === providerName);
    const alias = id === name ? '' : ` (the config's alias for \`${id}\`)`;
    if (!provider) {
      const aliases = Object.keys(config.interpreters ?? {});
      const guess = suggest(providerName, names) ?? suggest(name, aliases);
      diagnostics.push({
        code: 'C001',
        severity: 'error',
        message: `no interpreter \`${name}\`${alias}: \`${providerName}\` is neither a provider nor an alias of the config`,
        file: loaded.file,
        span,
        hint: guess
          ? `did you mean \`${names.includes(guess) ? `${guess}:${model}` : guess}\`?`
          : `the providers are ${names.map((known) => `\`${known}:…\``).join(', ')}${aliases.length > 0 ? `; the config's aliases are ${aliases.map((known) => `\`${known}\``).join(', ')}` : ''}`,
      });
      continue;
    }
    const problem = provider.checkModel?.(model);
    if (problem) {
      diagnostics.push({
        code: 'C001',
        severity: 'error',
        message: `${problem.message}${alias}`,
        file: loaded.file,
        span,
        hint: problem.hint,
      });
    }
  }
  return diagnostics;
}
