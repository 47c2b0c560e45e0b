import type { InformalConfig } from '../config/informal-config.js';
import { type InterpreterEntry, interpreterEntry } from '../config/interpreter-entry.js';
import type { Interpreter } from '../contracts/interpreter.js';
import type { InterpreterProvider } from '../contracts/interpreter-provider.js';
import { combineProviders } from '../interpreters/combine-providers.js';
import { builtinProviders, resolveInterpreter } from '../interpreters/resolve-interpreter.js';
import { openRecordedRuns } from '../store/open-recorded-runs.js';
import { redactSecrets } from '../util/redact-secrets.js';
import type { SuiteError } from './suite-result.js';

/** An interpreter set up from a name the user wrote, with the config entry it came from. */
export interface SetUpInterpreter {
  readonly interpreter: Interpreter;
  readonly entry: InterpreterEntry;
}

/** Where and how interpreters are set up. */
export interface InterpreterSetup {
  readonly cwd: string;
  readonly config: InformalConfig;
  /** The command line's endpoint, over the config's. */
  readonly baseURL?: string;
  /** The store's path, for interpreters that read it (replay). */
  readonly storePath: string;
  /** The providers that can be named, the built-in ones by default; the config's `providers` are added to them. */
  readonly providers?: readonly InterpreterProvider[];
}

/**
 * Sets up the interpreter a name stands for: a config alias or a `provider:model` id, with the endpoint and
 * settings of its config entry, among the built-in providers and the config's own. Fails as data, with a hint, before anything is sampled.
 */
export async function setUpInterpreter(
  name: string,
  setup: InterpreterSetup,
): Promise<{ ok: true; value: SetUpInterpreter } | { ok: false; error: SuiteError }> {
  const entry = interpreterEntry(name, setup.config);
  const baseURL = setup.baseURL ?? entry.baseURL ?? setup.config.baseURL;
  const resolved = await resolveInterpreter(
    entry.id,
    {
      cwd: setup.cwd,
      storePath: setup.storePath,
      openRecordedRuns,
      ...(baseURL !== undefined ? { baseURL } : {}),
      ...(entry.settings ? { settings: entry.settings } : {}),
    },
    combineProviders(setup.providers ?? builtinProviders, setup.config.providers ?? []),
  );
  if (resolved.ok) return { ok: true, value: { interpreter: resolved.interpreter, entry } };
  // Any provider's message may quote a base URL or a server's answer; it is printed, so credentials are masked.
  const { message, hint } = resolved.error;
  return { ok: false, error: { message: redactSecrets(message), hint: redactSecrets(hint) } };
}
