import type * as ohm from 'ohm-js';
import { AstBuilder, ExpressionTooDeep, type ItemCache } from './build-ast.js';
import { chunkBoundaries } from './chunk-boundaries.js';
import { type ParseResult, parseInChunks } from './chunked-parse.js';
import { progGrammar } from './grammar.js';
import {
  expressionTooDeepDiagnostic,
  refusedBeforeMatch,
  syntaxDiagnostic,
  versionDiagnostics,
} from './parse-diagnostics.js';

export type { ParseResult } from './chunked-parse.js';

/**
 * From this many characters on, a file is matched in parts of about `partLength` characters (see
 * `parseInChunks`): ohm's memo table of a whole match grows with the file, to gigabytes for a few megabytes.
 */
export const partLength = 64 * 1024;

/** Parses the text of a `.prog` file. Never throws on user input: a syntax error is a diagnostic. */
export function parseProg(text: string, file: string): ParseResult {
  const refused = refusedBeforeMatch(text, file);
  if (refused) return { diagnostics: [refused] };
  if (text.length >= 2 * partLength) return parseInChunks(text, file, chunkBoundaries(text), { partLength });
  return parseMatch(progGrammar.match(text), text, file);
}

/**
 * The parse result of `text` from a match of it, by `progGrammar.match` or by an incremental matcher, which may
 * keep the ASTs of items whose text did not change in `cache`.
 */
export function parseMatch(match: ohm.MatchResult, text: string, file: string, cache?: ItemCache): ParseResult {
  if (match.failed()) return { diagnostics: [syntaxDiagnostic(match, text, file)] };
  try {
    const document = new AstBuilder(text, cache).document(match);
    return { document, diagnostics: versionDiagnostics(document, file) };
  } catch (error) {
    if (!(error instanceof ExpressionTooDeep)) throw error;
    return { diagnostics: [expressionTooDeepDiagnostic(file, error)] };
  }
}
