import type { DocumentNode, ItemNode } from './ast.js';
import { AstBuilder, ExpressionTooDeep } from './build-ast.js';
import type { Diagnostic } from './diagnostic.js';
import { progGrammar } from './grammar.js';
import { expressionTooDeepDiagnostic, syntaxDiagnostic, versionDiagnostics } from './parse-diagnostics.js';
import { readSimpleCase } from './simple-case.js';

/** What parsing a file gives: the document when the text is well formed, and every diagnostic found. */
export interface ParseResult {
  readonly document?: DocumentNode;
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs `build`, or keeps the first expression it refuses as too deep: that is reported only if all of the text matches. */
function building<T>(build: () => T, refused: { error?: ExpressionTooDeep }): T | undefined {
  if (refused.error) return undefined;
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ExpressionTooDeep)) throw error;
    refused.error = error;
    return undefined;
  }
}

/** The document and its program with `items` in place of the program's items, spanning to `end` (the program) and the whole text. */
function withItems(document: DocumentNode, items: readonly ItemNode[], textLength: number): DocumentNode {
  const last = items[items.length - 1];
  const { program } = document;
  return {
    ...document,
    program: { ...program, items, span: { start: program.span.start, end: last ? last.span.end : program.span.end } },
    span: { start: document.span.start, end: textLength },
  };
}

/** How `parseInChunks` reads the parts of a file. */
export interface ChunkOptions {
  /** About how many characters of consecutive items ohm matches at once (64 KiB by default). */
  readonly partLength?: number;
  /** Whether simple `case` items are read by `readSimpleCase` instead of ohm (true by default). */
  readonly simpleCases?: boolean;
}

/**
 * Parses `text` cut into parts at `boundaries` (ascending line starts, see `chunkBoundaries`): the text before
 * the first boundary is matched as a document; then each simple `case` item between two boundaries is read by
 * `readSimpleCase`, and the other items are matched by ohm with the `Items` rule, consecutive ones together up to
 * about `partLength` characters. The AST is built from each part's tree as soon as it matches, so ohm's memo
 * table covers one part at a time instead of the whole file: for 100,000 inline cases, megabytes instead of
 * gigabytes.
 *
 * The result is the one a match of the whole text gives, AST, spans and diagnostics alike. A part that matches
 * ends with a whole item (every boundary stands before an item's keyword, at the top level, and no item goes on
 * with such a keyword), so its items are the whole file's. When a part fails to match, the text is matched whole
 * with what was read before it blanked out (replaced by spaces, so every offset stays): ohm then reports the
 * failure exactly as for the original text, having matched only the first part, the spaces and what follows; and
 * when the part failed only because a boundary cut an item, that match succeeds and supplies the rest.
 */
export function parseInChunks(
  text: string,
  file: string,
  boundaries: readonly number[],
  { partLength = 64 * 1024, simpleCases = true }: ChunkOptions = {},
): ParseResult {
  const firstEnd = boundaries[0] ?? text.length;
  const first = progGrammar.match(text.slice(0, firstEnd));
  // A first part that does not match is matched whole: the file fails there, or a boundary cut the header.
  if (first.failed()) return wholeMatch(text, file);
  const builder = new AstBuilder(text);
  const refused: { error?: ExpressionTooDeep } = {};
  const head = building(() => builder.document(first), refused);
  const items: ItemNode[] = [];
  /** Where the items not yet matched by ohm start, if any are waiting. */
  let pending: number | undefined;
  /** Matches `[pending, end)` with the `Items` rule; false when it fails. */
  const matchPending = (end: number): boolean => {
    const start = pending as number;
    pending = undefined;
    const match = progGrammar.match(text.slice(start, end), 'Items');
    if (match.failed()) return false;
    const partItems = building(() => builder.itemsOf(match, start), refused);
    if (partItems) for (const item of partItems) items.push(item);
    return true;
  };
  for (let part = 0; part <= boundaries.length; part++) {
    const start = boundaries[part] ?? text.length;
    const simple =
      part < boundaries.length && simpleCases
        ? readSimpleCase(text, start, boundaries[part + 1] ?? text.length)
        : undefined;
    const flush =
      pending !== undefined && (simple !== undefined || part === boundaries.length || start - pending >= partLength);
    if (flush) {
      const from = pending as number;
      if (!matchPending(start)) return wholeMatch(text, file, { from: firstEnd, to: from, items, head, refused });
    }
    if (simple) items.push(simple);
    else if (pending === undefined && part < boundaries.length) pending = start;
  }
  if (refused.error || !head) {
    return { diagnostics: [expressionTooDeepDiagnostic(file, refused.error as ExpressionTooDeep)] };
  }
  const document = withItems(head, [...head.program.items, ...items], text.length);
  return { document, diagnostics: versionDiagnostics(document, file) };
}

/** What was matched before a part that failed: the text `[from, to)`, its items, the first part's document. */
interface MatchedBefore {
  readonly from: number;
  readonly to: number;
  readonly items: readonly ItemNode[];
  readonly head: DocumentNode | undefined;
  /** The first expression refused as too deep before the part that failed, if any. */
  readonly refused: { readonly error?: ExpressionTooDeep };
}

/**
 * Matches the whole text, with what `before` covers replaced by spaces: the first part's items, then those of
 * `before`, then the rest.
 */
function wholeMatch(text: string, file: string, before?: MatchedBefore): ParseResult {
  const blanked = before
    ? text.slice(0, before.from) + ' '.repeat(before.to - before.from) + text.slice(before.to)
    : text;
  const match = progGrammar.match(blanked);
  if (match.failed()) return { diagnostics: [syntaxDiagnostic(match, text, file)] };
  const refused: { error?: ExpressionTooDeep } = { error: before?.refused.error };
  const whole = building(() => new AstBuilder(text).document(match), refused);
  if (!whole) return { diagnostics: [expressionTooDeepDiagnostic(file, refused.error as ExpressionTooDeep)] };
  const rest = whole.program.items;
  const headItems = before?.head?.program.items.length ?? 0;
  const items = [...rest.slice(0, headItems), ...(before?.items ?? []), ...rest.slice(headItems)];
  const document = withItems(whole, items, text.length);
  return { document, diagnostics: versionDiagnostics(document, file) };
}
