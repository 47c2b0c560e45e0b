import * as ohm from 'ohm-js';

// ohm evaluates `("a".."z" | "0".."9")*` one character at a time: for each character an alternation, a range or
// two, a terminal node and the bookkeeping of each evaluation; and `"a".."z" | letter` on a character that is no
// letter applies `letter`, `lower`, `upper` and `unicodeLtmo` before it fails. Strings, names and text blocks are
// most of a `.prog` file, so these are most of the time spent matching one.
//
// `speedUpCharacterClasses` gives each class of characters in a grammar's lexical rules (an alternation of ranges,
// one-character terminals and the built-in `letter`, `digit` and `alnum`), and each `*` or `+` over one, an
// evaluation that looks the character up in a table: a repetition reads its whole run in one loop. Where the
// table cannot answer (a surrogate pair, or a character that only a built-in rule can judge), ohm's own evaluation
// runs. The text matched, the failures recorded, the examined length (which the incremental matcher relies on) and
// every position are the same; only a run's node in the concrete syntax tree is coarser, one terminal for the run
// instead of one per character. The AST reads runs by their source text, never by their characters.
//
// Only lexical rules are sped up: in a syntactic rule each alternative would skip spaces before it, which a table
// does not.

/** The parts of ohm's expression classes and match state that the faster evaluation uses. */
interface Expression {
  eval(state: MatchState): boolean;
}
interface RangeExpression extends Expression {
  from: string;
  to: string;
}
interface ApplyExpression extends Expression {
  ruleName: string;
  args: readonly unknown[];
}
interface IterExpression extends Expression {
  expr: Expression;
  minNumMatches: number;
  maxNumMatches: number;
}
interface MatchState {
  inputStream: { source: string; pos: number; examinedLength: number };
  processFailure(position: number, expression: Expression): void;
  pushBinding(node: unknown, position: number): void;
  posToOffset(position: number): number;
}
type NodeConstructor = new (...args: unknown[]) => unknown;

const { pexprs } = ohm as unknown as {
  pexprs: Record<'Alt' | 'Apply' | 'Iter' | 'Opt' | 'Range' | 'Terminal', abstract new (...args: never[]) => unknown>;
};

/** Whether `value` is one of ohm's expressions of the class `kind`. */
const is = (value: unknown, kind: keyof typeof pexprs): boolean => value instanceof pexprs[kind];

/** The ASCII characters each built-in rule allowed in a class accepts; it alone judges any other character. */
const asciiOfRule: Readonly<Record<string, RegExp>> = { alnum: /[A-Za-z0-9]/, letter: /[A-Za-z]/, digit: /[0-9]/ };

/** What the table says of a character: no alternative accepts it. */
const rejected = 0;
/** A range or a one-character terminal is the first alternative to accept it: one terminal node of length 1. */
const accepted = 1;
/** Only ohm's evaluation can tell (a surrogate, or a built-in rule may be the first to accept it). */
const undecided = 2;

/** A class of characters: its alternatives, and what they make of each character of the Basic Multilingual Plane. */
interface CharacterClass {
  readonly terms: readonly Expression[];
  readonly table: Uint8Array;
}

/** The class `expression` stands for, or undefined when it is not an alternation of ranges, terminals and rules. */
function characterClass(expression: Expression): CharacterClass | undefined {
  const terms = is(expression, 'Alt') ? (expression as unknown as { terms: Expression[] }).terms : [expression];
  const isCharacter = (term: Expression): boolean =>
    is(term, 'Range') ||
    (is(term, 'Terminal') && (term as unknown as { obj: string }).obj.length === 1) ||
    (is(term, 'Apply') &&
      (term as ApplyExpression).ruleName in asciiOfRule &&
      (term as ApplyExpression).args.length === 0);
  if (!terms.every(isCharacter)) return undefined;
  const table = new Uint8Array(0x10000);
  // The first alternative that accepts a character decides: filled from the last, each earlier one overwrites.
  for (let index = terms.length - 1; index >= 0; index--) {
    const term = terms[index];
    if (is(term, 'Range')) {
      const { from, to } = term as RangeExpression;
      table.fill(accepted, from.codePointAt(0) as number, Math.min(to.codePointAt(0) as number, 0xffff) + 1);
    } else if (is(term, 'Terminal') && (term as unknown as { obj: string }).obj.length === 1) {
      table[(term as unknown as { obj: string }).obj.charCodeAt(0)] = accepted;
    } else {
      const ascii = asciiOfRule[(term as ApplyExpression).ruleName] as RegExp;
      for (let code = 0; code < 128; code++) if (ascii.test(String.fromCharCode(code))) table[code] = undecided;
      table.fill(undecided, 128);
    }
  }
  table.fill(undecided, 0xd800, 0xe000);
  return { terms, table };
}

/**
 * Records that every alternative failed at `position`, as ohm records it: each evaluation puts the failures it saw
 * before those its caller had, so the last alternative's comes first.
 */
function fail(state: MatchState, position: number, terms: readonly Expression[]): void {
  for (let index = terms.length - 1; index >= 0; index--) state.processFailure(position, terms[index] as Expression);
}

/** ohm's node classes, taken from the tree of a one-character match: ohm exports its expressions, not its nodes. */
function nodeConstructors(): { iteration: NodeConstructor; terminal: NodeConstructor } {
  const probe = ohm.grammar('Probe { start = "a"* }').match('a') as unknown as {
    _cst: { children: [{ constructor: NodeConstructor; children: [{ constructor: NodeConstructor }] }] };
  };
  const iteration = probe._cst.children[0];
  return { iteration: iteration.constructor, terminal: iteration.children[0].constructor };
}

/** Gives every class of characters in `grammar`'s lexical rules, and every repetition of one, a table lookup. */
export function speedUpCharacterClasses(grammar: ohm.Grammar): void {
  const nodes = nodeConstructors();

  /** One character of the class, or a failure at it, as ohm's alternation would give. */
  const speedUpClass = (alternation: Expression, { terms, table }: CharacterClass): void => {
    const slow = alternation.eval;
    alternation.eval = function (state: MatchState): boolean {
      const input = state.inputStream;
      const start = input.pos;
      const verdict = table[input.source.charCodeAt(start)] ?? rejected;
      if (verdict === undecided) return slow.call(this, state);
      // Every alternative read the character (or found the end) before it accepted or failed.
      input.examinedLength = Math.max(input.examinedLength, start + 1);
      if (verdict === accepted) {
        input.pos = start + 1;
        state.pushBinding(new nodes.terminal(1), start);
        return true;
      }
      fail(state, start, terms);
      return false;
    };
  };

  /** A whole run of the class in one loop, as ohm's repetition would match it. */
  const speedUpRun = (iteration: IterExpression, { terms, table }: CharacterClass): void => {
    const slow = iteration.eval;
    iteration.eval = function (state: MatchState): boolean {
      const input = state.inputStream;
      const { source } = input;
      const start = input.pos;
      let position = start;
      let verdict = table[source.charCodeAt(position)];
      while (verdict === accepted) verdict = table[source.charCodeAt(++position)];
      const count = position - start;
      if (verdict === undecided || count < iteration.minNumMatches) return slow.call(this, state);
      // Where the run stops, every alternative read the character (or found the end) and failed.
      fail(state, position, terms);
      input.pos = position;
      input.examinedLength = Math.max(input.examinedLength, position + 1);
      const children = count > 0 ? [new nodes.terminal(count)] : [];
      const offsets = count > 0 ? [state.posToOffset(start)] : [];
      state.pushBinding(new nodes.iteration(children, offsets, count, false), start);
      return true;
    };
  };

  const seen = new Set<unknown>();
  const visit = (expression: unknown): void => {
    if (!expression || typeof expression !== 'object' || seen.has(expression)) return;
    seen.add(expression);
    const iteration = is(expression, 'Iter') && !is(expression, 'Opt');
    const characters = characterClass(iteration ? (expression as IterExpression).expr : (expression as Expression));
    if (characters && iteration && (expression as IterExpression).maxNumMatches === Number.POSITIVE_INFINITY)
      speedUpRun(expression as IterExpression, characters);
    else if (characters && is(expression, 'Alt')) speedUpClass(expression as Expression, characters);
    for (const value of Object.values(expression)) {
      if (Array.isArray(value)) for (const item of value) visit(item);
      else if (value instanceof Object && !(value instanceof Function)) visit(value);
    }
  };
  const rules = (grammar as unknown as { rules: Record<string, { body: unknown }> }).rules;
  for (const [name, rule] of Object.entries(rules)) if (name[0] === name[0]?.toLowerCase()) visit(rule.body);
}
