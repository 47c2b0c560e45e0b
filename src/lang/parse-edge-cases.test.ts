import { describe, expect, it } from 'vitest';
import type { CaseItem, InputItem, LiteralNode, VerifyItem } from './ast.js';
import { parseProg } from './parse.js';
import { renderDiagnostic } from './render-diagnostic.js';

const header = 'prog 1\nprogram p\n';

function parsed(text: string) {
  const result = parseProg(text, 'p.prog');
  expect(result.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, text))).toEqual([]);
  return result.document?.program.items ?? [];
}

function numberValue(literal: LiteralNode | undefined): number | undefined {
  return literal?.kind === 'number' ? literal.value : undefined;
}

describe('numbers are written as in JSON', () => {
  it('reads negative numbers in input defaults, case values and verifier options', () => {
    const items = parsed(
      `${header}input d: number = -3\nprompt "{{ d }}"\nverify numeric(output, { tolerance: -0.5 })\ncase "a" { d: -12.25 } -> -7\n`,
    );
    const input = items.find((item): item is InputItem => item.kind === 'input');
    expect(numberValue(input?.defaultValue)).toBe(-3);
    const caseItem = items.find((item): item is CaseItem => item.kind === 'case');
    const field = caseItem?.inputs.fields[0];
    expect(numberValue(field?.value)).toBe(-12.25);
    expect(numberValue(caseItem?.expected)).toBe(-7);
    const verify = items.find((item): item is VerifyItem => item.kind === 'verify');
    expect(JSON.stringify(verify?.expression)).toContain('"value":-0.5');
  });

  it('reads exponents, with and without a sign', () => {
    const items = parsed(
      `${header}input d: number = 1e3\nprompt "{{ d }}"\ncase "a" { d: 2.5E-4, e: -1e+2, f: .5e1 } -> 1E0\n`,
    );
    const input = items.find((item): item is InputItem => item.kind === 'input');
    expect(numberValue(input?.defaultValue)).toBe(1000);
    const caseItem = items.find((item): item is CaseItem => item.kind === 'case');
    expect(caseItem?.inputs.fields.map((field) => numberValue(field.value))).toEqual([0.00025, -100, 5]);
    expect(numberValue(caseItem?.expected)).toBe(1);
  });

  it('still reads a minus between two terms as a subtraction', () => {
    const items = parsed(`${header}prompt "x"\nverify 1 -1 >= 0 and 2 - -1 == 3\n`);
    const verify = items.find((item): item is VerifyItem => item.kind === 'verify');
    expect(JSON.stringify(verify?.expression)).toContain('"operator":"-"');
  });
});

describe('the start and the end of a file', () => {
  it('skips a UTF-8 byte-order mark, keeping every place in the file', () => {
    const text = `\uFEFF${header}prompt "x"\nverify exact("a") and oops\n`;
    const result = parseProg(text, 'p.prog');
    expect(result.diagnostics).toEqual([]);
    const verify = result.document?.program.items.find((item): item is VerifyItem => item.kind === 'verify');
    expect(text.slice(verify?.span.start, verify?.span.end)).toBe('verify exact("a") and oops');
  });

  it('reports an unterminated text block where it opens', () => {
    const text = `${header}prompt """\n  hello\n\nverify exact("a")\ncase "a" {} -> "b"\n`;
    const result = parseProg(text, 'p.prog');
    const rendered = result.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, text)).join('\n');
    expect(rendered).toContain('p.prog:3:8: error P001: this text block has no closing `"""`');
    expect(rendered).toContain('hint: a text block ends with `"""`');
  });
});

describe('files that are not plain text', () => {
  it('refuses a file with a NUL character as not text, at the character', () => {
    const text = `${header}\u0000\u0001PNG`;
    const result = parseProg(text, 'p.prog');
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['P003', 'this is not a text file: it holds a NUL character'],
    ]);
  });

  it('never writes control characters or bidirectional overrides to the terminal', () => {
    const text = `${header}\u001b]0;title\u0007 \u202e oops\n`;
    const rendered = parseProg(text, 'p.prog').diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, text));
    expect(rendered).toHaveLength(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
    expect(rendered[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(rendered[0]).toContain('␛]0;title␇ \ufffd oops');
  });
});

describe('nesting limits: a located diagnostic instead of an exhausted stack', () => {
  const program = (verify: string) => `${header}prompt "x"\nverify ${verify}\n`;
  const codes = (text: string) => parseProg(text, 'p.prog').diagnostics.map((diagnostic) => diagnostic.code);

  it.each([
    ['110 nested parentheses', `${'('.repeat(110)}1${')'.repeat(110)}`],
    ['100 nested calls', `${'len('.repeat(100)}output${')'.repeat(100)}`],
    ['628 nots', `${'not '.repeat(628)}1`],
    ['a chain of 3,000 ands', Array(3000).fill('1').join(' and ')],
    ['a chain of 3,000 plus signs', `${Array(3000).fill('1').join(' + ')} >= 1`],
  ])('refuses %s', (_name, verify) => {
    expect(codes(program(verify))).toEqual(['P004']);
  });

  it('refuses 295 nested lists in case data', () => {
    expect(codes(`${header}prompt "x"\nverify 1\ncase "a" { x: ${'['.repeat(295)}${']'.repeat(295)} }\n`)).toEqual([
      'P004',
    ]);
  });

  it('reads nesting up to the limit, and brackets inside strings, blocks and comments do not count', () => {
    expect(codes(program(`${'('.repeat(63)}1${')'.repeat(63)}`))).toEqual([]);
    expect(codes(program(`${'not '.repeat(63)}1`))).toEqual([]);
    expect(codes(program(Array(500).fill('1').join(' and ')))).toEqual([]);
    const brackets = '('.repeat(200);
    expect(codes(`${header}# ${brackets}\nprompt """\n  ${brackets}\n  """\nverify contains("${brackets}")\n`)).toEqual(
      [],
    );
  });

  it('points at the bracket that goes too deep', () => {
    const text = program(`${'('.repeat(70)}1${')'.repeat(70)}`);
    const [diagnostic] = parseProg(text, 'p.prog').diagnostics;
    expect(diagnostic?.span.start).toBe(text.indexOf('(') + 64);
  });
});
