import type { InformalConfig } from '../config/informal-config.js';
import { interpreterEntry } from '../config/interpreter-entry.js';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import type { SourceSpan } from '../contracts/source-span.js';
import { combineProviders } from '../interpreters/combine-providers.js';
import { builtinProviders, parseInterpreterId } from '../interpreters/resolve-interpreter.js';
import type { Diagnostic } from '../lang/diagnostic.js';
import { parseProg } from '../lang/parse.js';
import { suggest } from '../lang/suggest.js';
import type { LoadedProgram } from '../program/load-program.js';

/** An interpreter name written in a program, where it is written. */
interface NamedInterpreter {
  readonly name: string;
  readonly span: SourceSpan;
}

/** The interpreter names a program's file writes: its `model`, each judge's and its simulated user's `model`. */
function namedInterpreters(loaded: LoadedProgram): NamedInterpreter[] {
  const { document } = parseProg(loaded.source, loaded.file);
  const named: NamedInterpreter[] = [];
  for (const item of document?.program.items ?? []) {
    if (item.kind === 'model') named.push({ name: item.interpreterId, span: item.span });
    if (item.kind === 'judge' || item.kind === 'simulate-user') {
      for (const setting of item.settings) {
        if (setting.name === 'model') named.push({ name: setting.value, span: setting.span });
      }
    }
  }
  return named;
}

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
  for (const { name, span } of namedInterpreters(loaded)) {
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
