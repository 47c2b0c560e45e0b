import type { BuiltinVerifier } from './builtin-verifier.js';
import { contains } from './contains.js';
import { exact } from './exact.js';

/** The built-in verifiers by name. */
export const builtinVerifiers: ReadonlyMap<string, BuiltinVerifier> = new Map(
  [exact, contains].map((verifier) => [verifier.name, verifier]),
);
