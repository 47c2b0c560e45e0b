import { describe, expect, it } from 'vitest';
import { checkDiagnostics, usesExpected } from './testing/verify-expression.js';

describe('resolve-time checks of verifier calls', () => {
  it('accept the written forms: bare, one argument fewer, all arguments, and a trailing options object', () => {
    for (const expression of [
      'exact',
      'exact(expected)',
      'exact(output.city, expected.city)',
      'exact(expected, { ignore_case: true })',
      'numeric(expected, { tolerance: 0.01, zero_at: 1 })',
      'numeric(output, -3.5)',
      'regex("^\\\\d+$", { flags: "i" })',
      'json_schema({ type: "object" })',
      'json_schema(output, { type: "object" }, { strict: true })',
      'length({ max: 200 }) and word_count(output, { min: 1 })',
      'runs_tests(["assert(true)"], { timeout_ms: 1000 })',
    ]) {
      expect(checkDiagnostics(expression), expression).toEqual([]);
    }
  });

  it('know which calls read the case’s expected value', () => {
    expect(usesExpected('exact')).toBe(true);
    expect(usesExpected('numeric({ tolerance: 1 })')).toBe(true);
    expect(usesExpected('contains("x")')).toBe(false);
    expect(usesExpected('length({ max: 3 })')).toBe(false);
    expect(usesExpected('json_schema({ type: "object" })')).toBe(false);
  });

  it('report arity, literal types, unknown options and invalid patterns with a place and a hint', () => {
    expect(checkDiagnostics('contains(output, "a", "b")')).toEqual([
      [
        'p.prog:3:30: error R013: `contains` takes at most 2 arguments and an options object, got 3',
        '  |',
        '3 | verify contains(output, "a", "b")',
        '  |                              ^^^',
        '  = hint: write `contains(value, needle, { ignore_case, unicode, ignore_punctuation })`, or leave out the first argument to check `output`',
      ].join('\n'),
    ]);
    expect(checkDiagnostics('regex')).toEqual([
      [
        'p.prog:3:8: error V001: `regex` needs its `pattern` argument (a string)',
        '  |',
        '3 | verify regex',
        '  |        ^^^^^',
        '  = hint: write `regex(value, pattern, { flags, full })`',
      ].join('\n'),
    ]);
    expect(checkDiagnostics('regex(42)')[0]).toContain(
      'p.prog:3:14: error V002: `regex` expects `pattern` to be a string, got 42',
    );
    expect(checkDiagnostics('numeric(3, { tolerence: 0.1 })')).toEqual([
      [
        'p.prog:3:21: error V003: `numeric` has no option `tolerence`',
        '  |',
        '3 | verify numeric(3, { tolerence: 0.1 })',
        '  |                     ^^^^^^^^^',
        '  = hint: did you mean `tolerance`?',
      ].join('\n'),
    ]);
    expect(checkDiagnostics('numeric(3, { pick: "middle" })')[0]).toMatch(
      /^p\.prog:3:27: error V004: option `pick` of `numeric`: Invalid option: expected one of "last"\|"first"\|"closest"/,
    );
    expect(checkDiagnostics('regex("a(b")')[0]).toMatch(
      /^p\.prog:3:14: error V005: `regex`: the pattern does not compile: Invalid regular expression: \/a\(b\/: Unterminated group[\s\S]*hint: in a \.prog string a backslash is written twice/,
    );
    expect(checkDiagnostics('regex("a", { flags: "q" })')[0]).toContain('error V004: option `flags` of `regex`');
    expect(checkDiagnostics('length')[0]).toContain('error V005: `length`: `length` needs a bound');
    expect(checkDiagnostics('word_count({ min: 5, max: 2 })')[0]).toContain('`min` (5) is larger than `max` (2)');
    expect(checkDiagnostics('numeric("n/a")')[0]).toContain('"n/a" holds no number');
    expect(checkDiagnostics('numeric(1, { tolerance: 2, zero_at: 1 })')[0]).toContain('`zero_at` must be larger');
    expect(checkDiagnostics('json_schema({ type: "nonsense" })')[0]).toContain(
      'error V005: `json_schema`: the schema cannot be read',
    );
    expect(checkDiagnostics('one_of([])')[0]).toContain('needs at least one choice');
    expect(checkDiagnostics('runs_tests([])')[0]).toContain('error V002');
  });

  it('checks arguments nested anywhere in an expression, and keeps unknown names an error', () => {
    expect(checkDiagnostics('0.5 * exact + 0.5 * (not regex("("))')).toHaveLength(1);
    expect(checkDiagnostics('exactly(expected)')[0]).toContain('hint: did you mean `exact`?');
  });
});
