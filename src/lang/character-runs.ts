import * as ohm from 'ohm-js';

// ohm evaluates `("a".."z" | "0".."9")*` one character at a time: for each character an alternation, a range or
// two, a terminal node and the bookkeeping of each evaluation. Strings and text blocks are most of a `.prog` file,
// so that loop is most of the time spent matching one. `speedUpCharacterRuns` gives each such repetition in a
// grammar an evaluation that reads the whole run in one loop over a table of the characters it accepts, and falls
// back to ohm's own evaluation wherever the table cannot answer (a character outside the Basic Multilingual Plane,
// or one that a rule such as `alnum` would have to judge). The text matched, the failures recorded where the run
// stops, the examined length (which the incremental matcher relies on) and the positions are the same; only the
// run's node in the concrete syntax tree is coarser: one terminal for the run instead of one per character. The
// AST reads such runs by their source text, never by their characters.

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

/** ASCII characters that the built-in rules allowed in a run accept; any other character makes the run fall back. */
const asciiOfRule: Record<string, RegExp> = { alnum: /[A-Za-z0-9]/, letter: /[A-Za-z]/, digit: /[0-9]/ };

/** ohm's node classes, taken from the tree of a one-character match: ohm exports its expressions, not its nodes. */
function nodeConstructors(): { iteration: NodeConstructor; terminal: NodeConstructor } {
  const probe = ohm.grammar('Probe { start = "a"* }').match('a') as unknown as {
    _cst: { children: [{ constructor: NodeConstructor; children: [{ constructor: NodeConstructor }] }] };
  };
  const iteration = probe._cst.children[0];
  return { iteration: iteration.constructor, terminal: iteration.children[0].constructor };
}

/**
 * The characters `expression` accepts, as a table over the Basic Multilingual Plane (surrogates excluded), and
 * whether a character outside the table needs ohm's own evaluation; undefined when the expression is not an
 * alternation of ranges and of the rules in `asciiOfRule`.
 */
function characterTable(
  expression: Expression,
): { table: Uint8Array; terms: readonly Expression[]; beyondAscii: boolean } | undefined {
  const terms = is(expression, 'Alt') ? (expression as unknown as { terms: Expression[] }).terms : [expression];
  const table = new Uint8Array(0x10000);
  let beyondAscii = false;
  for (const term of terms) {
    if (is(term, 'Range')) {
      const { from, to } = term as RangeExpression;
      const first = from.codePointAt(0) as number;
      const last = Math.min(to.codePointAt(0) as number, 0xffff);
      for (let code = first; code <= last; code++) if (code < 0xd800 || code > 0xdfff) table[code] = 1;
    } else if (is(term, 'Terminal') && (term as unknown as { obj: string }).obj.length === 1) {
      table[(term as unknown as { obj: string }).obj.charCodeAt(0)] = 1;
    } else if (is(term, 'Apply')) {
      const { ruleName, args } = term as ApplyExpression;
      const ascii = asciiOfRule[ruleName];
      if (!ascii || args.length > 0) return undefined;
      for (let code = 0; code < 128; code++) if (ascii.test(String.fromCharCode(code))) table[code] = 1;
      beyondAscii = true;
    } else {
      return undefined;
    }
  }
  return { table, terms, beyondAscii };
}

/** Replaces the evaluation of every `*` and `+` over characters in `grammar` by one that reads a run at once. */
export function speedUpCharacterRuns(grammar: ohm.Grammar): void {
  const nodes = nodeConstructors();
  const seen = new Set<unknown>();
  const visit = (expression: unknown): void => {
    if (!expression || typeof expression !== 'object' || seen.has(expression)) return;
    seen.add(expression);
    if (is(expression, 'Iter') && !is(expression, 'Opt')) speedUp(expression as IterExpression);
    for (const value of Object.values(expression)) {
      if (Array.isArray(value)) for (const item of value) visit(item);
      else if (value instanceof Object && !(value instanceof Function)) visit(value);
    }
  };
  const speedUp = (iter: IterExpression): void => {
    const characters = characterTable(iter.expr);
    if (!characters) return;
    const { table, terms, beyondAscii } = characters;
    const slow = iter.eval;
    iter.eval = function (state: MatchState): boolean {
      const input = state.inputStream;
      const { source } = input;
      const start = input.pos;
      let position = start;
      let code = source.charCodeAt(position);
      while (table[code] === 1) code = source.charCodeAt(++position);
      const stoppedInside = position < source.length;
      // A surrogate pair, or a character only a rule such as `alnum` can judge: ohm's evaluation decides.
      if (stoppedInside && ((code >= 0xd800 && code <= 0xdfff) || (beyondAscii && code >= 128)))
        return slow.call(this, state);
      const count = position - start;
      if (count < iter.minNumMatches || count > iter.maxNumMatches) return slow.call(this, state);
      // Where the run stops, every alternative was tried and failed, reading one character (or the end).
      for (const term of terms) state.processFailure(position, term);
      input.pos = position;
      input.examinedLength = Math.max(input.examinedLength, position + 1);
      const children = count > 0 ? [new nodes.terminal(count)] : [];
      const offsets = count > 0 ? [state.posToOffset(start)] : [];
      state.pushBinding(new nodes.iteration(children, offsets, count, false), start);
      return true;
    };
  };
  for (const rule of Object.values((grammar as unknown as { rules: Record<string, { body: unknown }> }).rules))
    visit(rule.body);
}
