// The public names of src/verifiers: writing verifier modules, the built-ins, and judging judges.
export { builtinVerifiers } from './builtins.js';
export { metaEvaluate } from './meta-evaluate.js';
export type { Verifier, VerifierContext } from './verifier.js';
export { defineVerifier, type VerifierDefinition } from './verifier-module.js';
