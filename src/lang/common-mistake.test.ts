import { describe, expect, it } from 'vitest';
import { parseProg } from './parse.js';

const header = 'prog 1\nprogram p\ninput country: string\nprompt "Capital of {{ country }}?"\n';

/** The one diagnostic of a program that fails to parse, as `line:column message | hint`. */
function failure(body: string): string {
  const text = header + body;
  const { document, diagnostics } = parseProg(text, 'p.prog');
  expect(document).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  const [diagnostic] = diagnostics;
  if (!diagnostic) throw new Error('no diagnostic');
  const before = text.slice(0, diagnostic.span.start).split('\n');
  const where = `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
  return `${where} ${text.slice(diagnostic.span.start, diagnostic.span.end)} | ${diagnostic.message} | ${diagnostic.hint ?? ''}`;
}

describe('commonMistake', () => {
  it('still reads a verify expression that goes on over several lines', () => {
    const { diagnostics } = parseProg(
      `${header}verify exact(expected) and\n  contains("Paris") or\n  # a comment\n  contains("paris")\n`,
      'p.prog',
    );
    expect(diagnostics).toEqual([]);
  });

  it('reports a trailing operator at the operator, past blank lines and comments, for every operator', () => {
    expect(failure('verify exact(expected) or  # either\n\n# next\ncase "f" { country: "F" } -> "P"\n')).toBe(
      '5:24 or | expected an expression after `or`, found the end of the line | the next line starts a new item: finish the expression after `or`, or remove `or`',
    );
    expect(failure('verify length(output) >=\ncase "f" { country: "F" } -> "P"\n')).toMatch(
      /^5:23 >= \| expected an expression after `>=`/,
    );
  });

  it('leaves an error inside a continued expression to the generic message', () => {
    expect(failure('verify exact(expected) and\n  contains("a") "b"\n')).toMatch(/^6:17 " \| expected /);
    expect(failure('verify exact(expected) and\n  contains("a") "b"\n')).not.toMatch(/after `and`/);
  });

  it('keeps the item message for a misspelt setting at the start of a line', () => {
    expect(failure('sample 20\ntemprature 0.7\n')).toMatch(/^6:1 temprature \| expected a program item /);
  });

  it('suggests nothing for a word far from every sampling setting, and lists them', () => {
    expect(failure('sample 20 colour 1\n')).toBe(
      '5:11 colour | expected a sampling setting (temperature, top_p, max_tokens, seed), found `colour` | `sample` takes `temperature`, `top_p`, `max_tokens`, `seed`, each followed by a number',
    );
  });

  it('points at a case value without an arrow whatever literal it is', () => {
    expect(failure('case "f" { country: "F" } 3\n')).toMatch(
      /^5:27 3 \| expected `->` before the case's expected value/,
    );
    expect(failure('case "f" { country: "F" } true expect pass@1 >= 1\n')).toContain(
      'write `case "f" { country: "F" } -> true expect pass@1 >= 1`',
    );
  });

  it('names a dash inside an input name, a bad escape in a case string and a percentage in a sample setting', () => {
    expect(failure('input first-name: string\n')).toBe(
      '5:7 first-name | expected a name of letters, digits and `_`, found `first-name` | a name cannot hold `-`: write `first_name`',
    );
    expect(failure('case "f" { country: "a\\qb" } -> "P"\n')).toMatch(/^5:23 \\q \| expected an escape .* found `\\q`/);
    expect(failure('sample 10 top_p 95%\n')).toContain('write a percentage as a fraction, `0.95`');
  });

  it('keeps `==`, `and` and `or` working where `=`, `&&` and `||` are refused', () => {
    expect(failure('verify output = expected and contains("a")\n')).toContain(
      'write `verify output == expected and contains("a")`',
    );
  });
});

describe('commonMistake: where it stays silent', () => {
  it('leaves an array type, `=>` and an unclosed call to the generic message', () => {
    expect(failure('input teams: string[x]\n')).toBe('5:21 x | expected "]", found `x` | ');
    expect(failure('verify a => b\n')).toMatch(/^5:10 = \| expected a program item /);
    expect(failure('verify exact(expected,\ncase "f" { country: "F" } -> "P"\n')).toMatch(/^6:6 " \| expected "\)"/);
  });

  it('explains a name after literals in a list too', () => {
    expect(failure('verify one_of(output, ["a", expected])\n')).toMatch(
      /^5:29 expected \| expected a literal in a list .* write `expected` alone, not in a list$/,
    );
  });
});
