import type { BuiltinVerifier } from './builtin-verifier.js';
import { runsTests } from './code/runs-tests.js';
import { contains } from './contains.js';
import { editSimilarity } from './edit-similarity.js';
import { exact } from './exact.js';
import { json } from './json.js';
import { jsonSchema } from './json-schema.js';
import { length } from './length.js';
import { ngramOverlap } from './ngram-overlap.js';
import { notContains } from './not-contains.js';
import { numeric } from './numeric.js';
import { oneOf } from './one-of.js';
import { regex } from './regex.js';
import { rougeL } from './rouge-l.js';
import { tokenF1 } from './token-f1.js';
import { called } from './trajectory/called.js';
import { callsInOrder } from './trajectory/calls-in-order.js';
import { stateMatches } from './trajectory/state-matches.js';
import { wordCount } from './word-count.js';

/** The built-in verifiers by name. */
export const builtinVerifiers: ReadonlyMap<string, BuiltinVerifier> = new Map(
  [
    exact,
    contains,
    notContains,
    regex,
    oneOf,
    numeric,
    json,
    jsonSchema,
    editSimilarity,
    tokenF1,
    rougeL,
    ngramOverlap,
    length,
    wordCount,
    runsTests,
    stateMatches,
    called,
    callsInOrder,
  ].map((verifier) => [verifier.name, verifier]),
);
