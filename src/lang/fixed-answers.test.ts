import { readFileSync } from 'node:fs';
import * as ohm from 'ohm-js';
import { describe, expect, it } from 'vitest';
import { rememberFixedAnswers } from './fixed-answers.js';

const source = readFileSync(new URL('./prog.ohm', import.meta.url), 'utf8');

interface Expression {
  getArity(): number;
  isSyntactic?(): boolean;
}

/** Every expression in a grammar's own rules, in the order a walk of the rules meets them, with what it answers. */
function answers(grammar: ohm.Grammar): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (!value || typeof value !== 'object') return;
    if (typeof (value as Partial<Expression>).getArity === 'function') {
      const expression = value as Expression;
      found.push(`${path} arity ${expression.getArity()} syntactic ${expression.isSyntactic?.() ?? '-'}`);
    }
    for (const [key, child] of Object.entries(value)) {
      if (Array.isArray(child)) for (const [index, item] of child.entries()) visit(item, `${path}.${key}[${index}]`);
      else if (typeof child === 'object') visit(child, `${path}.${key}`);
    }
  };
  const rules = (grammar as unknown as { rules: Record<string, { body: unknown }> }).rules;
  for (const [name, rule] of Object.entries(rules)) visit(rule.body, name);
  return found;
}

describe('rememberFixedAnswers', () => {
  it("answers as ohm's own methods do, for every expression of the grammar", () => {
    const plain = ohm.grammar(source);
    const remembered = ohm.grammar(source);
    rememberFixedAnswers(remembered);
    const expected = answers(plain);
    expect(expected.length).toBeGreaterThan(300);
    expect(answers(remembered)).toEqual(expected);
  });

  it('gives each expression its answers as constants of its own', () => {
    const remembered = ohm.grammar(source);
    rememberFixedAnswers(remembered);
    const body = (remembered as unknown as { rules: Record<string, { body: Expression }> }).rules.CaseItem?.body;
    expect(Object.hasOwn(body as object, 'getArity')).toBe(true);
    expect(body?.getArity()).toBe(8);
  });
});
