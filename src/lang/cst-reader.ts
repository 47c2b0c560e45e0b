import type * as ohm from 'ohm-js';
import type { Identifier, StringNode } from './ast.js';
import type { SourceSpan } from './source-span.js';

// The AST is built by walking ohm's concrete syntax tree directly rather than through an ohm semantics: a semantics
// wraps every node it visits in an object of its own and dispatches each action through it, which cost about a
// third of parsing a typical file. The tree's shape is ohm's: a rule application is a nonterminal node whose
// children are its body's bindings; a `*`, `+` or `?` is an iteration node per column; a terminal is a length.
// A nonterminal's children, and the items of every iteration inside its body, are placed by offsets from the
// nonterminal's own start.

/** A node of ohm's concrete syntax tree, as the walk reads it. */
export interface CstNode {
  readonly matchLength: number;
  /** The rule's name, on a nonterminal. */
  readonly ruleName?: string;
  readonly children?: readonly CstNode[];
  readonly childOffsets?: readonly number[];
}

/** The tree of a successful match, and where its root starts. */
export function cstOf(match: ohm.MatchResult): { root: CstNode; start: number } {
  const internal = match as unknown as { _cst: CstNode; _cstOffset: number };
  return { root: internal._cst, start: internal._cstOffset };
}

export function unescapeString(text: string): string {
  return text.replace(/\\(.)/g, (_, character: string) => {
    switch (character) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return character;
    }
  });
}

/** Reads ohm's concrete syntax tree: children by index, iterations, lists, source text and spans, tokens. */
export class CstReader {
  constructor(protected readonly text: string) {}
  // Reading the tree.

  /** Child `index` of the nonterminal `node` at `start`, with its start. */
  protected at(node: CstNode, start: number, index: number): [CstNode, number] {
    return [
      (node.children as readonly CstNode[])[index] as CstNode,
      start + ((node.childOffsets as readonly number[])[index] as number),
    ];
  }

  /**
   * The items of the iteration that is child `index` of the nonterminal at `start`, each with its start: they are
   * placed from the nonterminal's start, as the iteration itself is.
   */
  protected items(node: CstNode, start: number, index: number): [CstNode, number][] {
    const iteration = (node.children as readonly CstNode[])[index] as CstNode;
    const children = iteration.children as readonly CstNode[];
    const offsets = iteration.childOffsets as readonly number[];
    const items: [CstNode, number][] = [];
    for (let item = 0; item < children.length; item++)
      items.push([children[item] as CstNode, start + (offsets[item] as number)]);
    return items;
  }

  /** The elements of a `ListOf` or `NonemptyListOf` node at `start`. */
  protected list(node: CstNode, start: number): [CstNode, number][] {
    if (node.ruleName === 'ListOf') return this.list(...this.at(node, start, 0));
    if (node.ruleName === 'EmptyListOf') return [];
    return [this.at(node, start, 0), ...this.items(node, start, 2)];
  }

  /** The only child of a nonterminal that stands for one of its alternatives. */
  protected only(node: CstNode, start: number): [CstNode, number] {
    return this.at(node, start, 0);
  }

  protected source(node: CstNode, start: number): string {
    return this.text.slice(start, start + node.matchLength);
  }

  protected span(node: CstNode, start: number): SourceSpan {
    return { start, end: start + node.matchLength };
  }

  // Tokens.

  protected ident(node: CstNode, start: number): Identifier {
    return { name: this.source(node, start), span: this.span(node, start) };
  }

  /** The value of a `stringLiteral` node. */
  protected string(node: CstNode, start: number): string {
    return unescapeString(this.text.slice(start + 1, start + node.matchLength - 1));
  }

  protected stringNode(node: CstNode, start: number): StringNode {
    return { value: this.string(node, start), span: this.span(node, start) };
  }

  protected number(node: CstNode, start: number): number {
    return Number(this.source(node, start));
  }
}
