import type * as ohm from 'ohm-js';

// ohm asks an expression the same questions at every evaluation and works the answer out again each time: a
// sequence's arity (a sum over its factors, asked by every repetition and every rule application) and whether an
// application is syntactic (which builds an upper-case copy of the rule's first letter, asked before every token).
// The answers never change once the grammar is built, so `rememberFixedAnswers` gives each expression its
// answers as constants. They are the answers ohm's own methods give; only the work of getting them again goes.

interface Expression {
  getArity(): number;
  isSyntactic?(): boolean;
}

/** Whether `value` is one of ohm's expressions: ohm's expressions all answer `getArity`. */
function isExpression(value: unknown): value is Expression {
  return typeof (value as Partial<Expression> | null)?.getArity === 'function';
}

/** Replaces `getArity` and, on applications, `isSyntactic` of every expression in `grammar`'s rules by constants. */
export function rememberFixedAnswers(grammar: ohm.Grammar): void {
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (isExpression(value)) {
      const arity = value.getArity();
      value.getArity = () => arity;
      if (typeof value.isSyntactic === 'function') {
        const syntactic = value.isSyntactic();
        value.isSyntactic = () => syntactic;
      }
    }
    for (const child of Object.values(value)) for (const item of [child].flat()) visit(item);
  };
  const rules = (grammar as unknown as { rules: Record<string, { body: unknown }> }).rules;
  // Every rule, the built-in ones (`ListOf`, `letter`, …) included: `for … in` reads inherited rules too.
  for (const name in rules) visit(rules[name]?.body);
}
