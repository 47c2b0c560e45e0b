import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as ohm from 'ohm-js';
import { describe, expect, it } from 'vitest';
import { mutatedText, programText } from '../../tests/lang/program-arbitrary.js';
import { speedUpCharacterClasses } from './character-classes.js';
import { IncrementalParser } from './incremental-parse.js';
import { parseProg } from './parse.js';

const source = readFileSync(new URL('./prog.ohm', import.meta.url), 'utf8');
/** ohm's own evaluation, one character at a time. */
const plain = ohm.grammar(source);
const fast = ohm.grammar(source);
speedUpCharacterClasses(fast);

/** What a match says to a user: whether it succeeded, and if not, where and what was expected. */
function outcome(grammar: ohm.Grammar, text: string, startRule?: string) {
  const match = grammar.match(text, startRule);
  if (match.succeeded()) return { ok: true };
  const failure = match as ohm.FailedMatchResult;
  return { ok: false, at: failure.getRightmostFailurePosition(), expected: failure.getExpectedText() };
}

/** A run's characters: ASCII, accented and other-script letters, astral characters, quotes, escapes, breaks. */
const runText = fc
  .array(fc.constantFrom('a', 'Z', '_', '9', ' ', 'é', 'ж', '中', '🙂', '"', '\\', '\n', '{', '}', '-', '.', '\t'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

describe('speedUpCharacterClasses', () => {
  const valid = new URL('../../tests/lang/valid/', import.meta.url);
  const corpus = ['capitals.prog', 'triage.prog', 'comments-and-blocks.prog'].map((name) =>
    readFileSync(new URL(name, valid), 'utf8'),
  );

  it('speeds up the classes and runs of lexical rules, and leaves syntactic rules to ohm', () => {
    /** How many expressions in a rule's body have an evaluation of their own. */
    const spedUp = (grammar: ohm.Grammar, rule: string): number => {
      let count = 0;
      const visit = (expression: unknown): void => {
        if (!expression || typeof expression !== 'object') return;
        if (Object.hasOwn(expression, 'eval')) count++;
        for (const value of Object.values(expression)) for (const item of [value].flat()) visit(item);
      };
      visit((grammar as unknown as { rules: Record<string, { body: unknown }> }).rules[rule]?.body);
      return count;
    };
    // `ident`: its first character, and the run of the rest (and the class inside it, for the run's fallback).
    expect(spedUp(fast, 'ident')).toBe(3);
    expect(spedUp(fast, 'stringLiteral')).toBe(5);
    expect(spedUp(fast, 'Object')).toBe(0);
    expect(spedUp(plain, 'ident')).toBe(0);
  });

  it('accepts and refuses what ohm accepts and refuses, with the same failure position and expected text', () => {
    fc.assert(
      fc.property(fc.oneof(programText, mutatedText(corpus)), (text) => {
        expect(outcome(fast, text)).toEqual(outcome(plain, text));
      }),
      { seed: 11, numRuns: 1_500 },
    );
  });

  it('matches single tokens with any characters the same way, down to where a failure is', () => {
    fc.assert(
      fc.property(
        runText,
        fc.constantFrom(
          'stringLiteral',
          'ident',
          'textBlock',
          'templateString',
          'number',
          'metric',
          'interpolation',
          'Expr',
          'Literal',
          'Field',
        ),
        fc.constantFrom('', '"', '"""', '1', 'x', '{{', 'pass@'),
        (text, rule, prefix) => {
          const input = prefix + text + (rule === 'textBlock' ? '"""' : prefix);
          expect(outcome(fast, input, rule)).toEqual(outcome(plain, input, rule));
        },
      ),
      { seed: 12, numRuns: 6_000 },
    );
  });

  it('counts the character that ends a run as examined, so that typing right after a run parses it again', () => {
    // ohm's incremental matcher keeps a rule's parse until an edit touches what the rule examined: a run that did
    // not count the character it stopped at would keep `ab` when `c` is typed after it.
    const text = 'prog 1\nprogram ab "d"\ninput x: string = "e"\nverify exact(x)\n';
    for (const [at, typed] of [
      [text.indexOf(' "d"'), 'c'],
      [text.indexOf('"d"') + 2, 'f'],
      [text.indexOf(': string') + 8, 's'],
      [text.indexOf('(x)') + 2, 'y'],
    ] as const) {
      const parser = new IncrementalParser(text, 'x.prog');
      const edited = parser.edit(at, at, typed);
      expect(edited).toEqual(parseProg(parser.text, 'x.prog'));
    }
  });

  it('keeps the text of every node: a run becomes one terminal of the same length', () => {
    const text = 'prog 1\nprogram née "Réponse 🙂 \\"ok\\""\nprompt """\n  Hello {{ name }}, ça va?\n  """\n';
    const ast = (grammar: ohm.Grammar) =>
      grammar
        .createSemantics()
        .addOperation<string>('text', {
          _nonterminal(...children) {
            return `${this.ctorName}(${children.map((child) => child.text()).join(',')})`;
          },
          _iter(..._children) {
            return `[${this.sourceString}]`;
          },
          _terminal() {
            return this.sourceString;
          },
        })(grammar.match(text))
        .text();
    expect(ast(fast)).toBe(ast(plain));
  });
});
