import type * as ohm from 'ohm-js';
import type { ItemNode } from './ast.js';
import type { CstNode, ItemCache } from './build-ast.js';
import { progGrammar } from './grammar.js';
import { type ParseResult, parseMatch } from './parse.js';
import { refusedBeforeMatch } from './parse-diagnostics.js';

/** An item's AST, built once for one CST node, and the offset it was built at. */
interface CachedItem {
  readonly start: number;
  readonly item: ItemNode;
}

/**
 * A copy of an AST value with every span (a field named `span`, or ending in `Span` such as `errorSpan`) moved by
 * `delta` characters. Plain loops: this runs for every item after an edit.
 */
function shiftSpans(value: unknown, delta: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = shiftSpans(value[index], delta);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (key === 'span' || key.endsWith('Span')) {
      const span = field as { start: number; end: number };
      copy[key] = { start: span.start + delta, end: span.end + delta };
    } else copy[key] = shiftSpans(field, delta);
  }
  return copy;
}

/**
 * Parses a `.prog` file again after each edit, reusing what did not change: ohm's incremental matcher keeps the
 * parse of text the edit did not touch, and the AST of each item whose parse was kept is reused (its spans moved
 * when the edit shifted it). Every result equals what `parseProg` gives for the same text.
 */
export class IncrementalParser {
  private readonly matcher: ohm.Matcher = progGrammar.matcher();
  /** Items' ASTs by their CST node: ohm reuses a node for as long as the text it matched is unchanged. */
  private readonly items = new WeakMap<CstNode, CachedItem>();
  private readonly cache: ItemCache = {
    item: (node, start, build) => {
      const cached = this.items.get(node);
      if (cached?.start === start) return cached.item;
      const item = cached ? (shiftSpans(cached.item, start - cached.start) as ItemNode) : build();
      this.items.set(node, { start, item });
      return item;
    },
  };
  private current: string;
  private result: ParseResult;

  /** Parses `text` in full; `file` names it in diagnostics. */
  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.current = text;
    this.matcher.setInput(text);
    this.result = this.parse();
  }

  /** The text as it stands after the edits so far. */
  get text(): string {
    return this.current;
  }

  /** The parse of the current text. */
  get parsed(): ParseResult {
    return this.result;
  }

  /** Replaces the characters in `[start, end)` with `replacement` and parses the new text. */
  edit(start: number, end: number, replacement: string): ParseResult {
    if (!(0 <= start && start <= end && end <= this.current.length)) {
      throw new RangeError(`edit range [${start}, ${end}) is outside the text (length ${this.current.length})`);
    }
    this.current = this.current.slice(0, start) + replacement + this.current.slice(end);
    this.matcher.replaceInputRange(start, end, replacement);
    this.result = this.parse();
    return this.result;
  }

  private parse(): ParseResult {
    const refused = refusedBeforeMatch(this.current, this.file);
    if (refused) return { diagnostics: [refused] };
    return parseMatch(this.matcher.match(), this.current, this.file, this.cache);
  }
}
