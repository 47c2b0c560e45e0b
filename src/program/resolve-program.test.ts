import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { compileProgram } from './load-program.js';

const valid = `prog 1
program capitals "Name a capital"
input country: string
input style: "short" | "long" = "short"
system "Answer in a {{ style }} way."
prompt "Capital of {{ country }}?"
verify exact(expected)
case "fr" { country: "France" } -> "Paris"
case "jp" { country: "Japan", style: "long" } -> "Tokyo"
sample 4 temperature 0.5 seed 9
expect pass@2 >= 0.5
`;

function messages(source: string): string[] {
  const loaded = compileProgram(source, 'p.prog');
  expect(loaded.program).toBeUndefined();
  return loaded.diagnostics.map(
    (diagnostic) => `${diagnostic.code} ${diagnostic.message}${diagnostic.hint ? ` | ${diagnostic.hint}` : ''}`,
  );
}

describe('resolveProgram', () => {
  it('resolves a valid program: defaults applied, system first, settings read', () => {
    const { program, diagnostics } = compileProgram(valid, 'p.prog');
    expect(diagnostics).toEqual([]);
    expect(program?.cases.map((testCase) => testCase.inputs)).toEqual([
      { country: 'France', style: 'short' },
      { country: 'Japan', style: 'long' },
    ]);
    expect(program?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(program?.sampling).toEqual({ samples: 4, seed: 9, settings: { temperature: 0.5 } });
    expect(program?.passWhen).toEqual({ operator: '>=', threshold: 1 });
    expect(program?.expectations[0]?.text).toBe('pass@2 >= 0.5');
  });

  it('keeps the hash when only checks change, and changes it when the prompt changes', () => {
    const hash = (source: string) => compileProgram(source, 'p.prog').program?.hash;
    const base = hash(valid);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(hash(valid.replace('verify exact(expected)', 'verify contains(expected)'))).toBe(base);
    expect(hash(valid.replace('expect pass@2 >= 0.5', 'expect pass@2 >= 0.9'))).toBe(base);
    expect(hash(valid.replace('Capital of', 'The capital of'))).not.toBe(base);
  });

  it('collects every semantic error in one pass, with hints', () => {
    const source = `prog 1
program p
input country: string
input country: number
prompt "{{ contry }} {{ zzz }}"
verify exat(expected) and outptu
case "a" { country: "France", cuntry: "x" } -> "Paris"
case "a" { country: 3 } -> "Paris"
case "b" { }
sample 2
expect pass@5 >= 0.5
`;
    expect(messages(source)).toEqual([
      'R006 input `country` is declared twice | give each input its own name',
      'R001 unknown input `contry` in the prompt | did you mean `country`?',
      'R001 unknown input `zzz` in the prompt | declare it with `input zzz: string`, or use one of `country`',
      'R011 unknown verifier `exat` | did you mean `exact`?',
      'R012 unknown name `outptu` in the verifier | did you mean `output`?',
      'R002 case "a" sets `cuntry`, which is not an input | did you mean `country`?',
      'R005 case "a" is defined twice | give each case its own id',
      'R004 case "a": `country` must be string, got 3',
      'R003 case "b" does not set the input `country` | add `country: …`',
      'R014 case "b" has no expected value, and the verifier reads one | add one after the inputs: `-> "…"`',
      'R010 pass@5 needs at least 5 samples per case, and the program draws 2 | raise the count: `sample 5` or more',
    ]);
  });

  it('asks for a prompt, a verifier and cases', () => {
    expect(messages('prog 1\nprogram p\n')).toEqual([
      'R008 the program has no `prompt` | add `prompt """ … """`, or steps such as `step answer = """ … """`',
      'R015 program `p` has no verifier | add a line such as `verify exact(expected)`',
      'R009 program `p` has no cases to run | add a case such as `case "first" { … } -> "expected"`, or `cases from "./cases.jsonl"`',
    ]);
  });

  it('refuses items given twice and enum values outside the enum', () => {
    const source = `prog 1
program p
input tier: "free" | "pro" = "gold"
prompt "x"
verify contains("x")
verify contains("y")
case "a" { tier: "silver" }
`;
    expect(messages(source)).toEqual(
      [
        '`verify` is given twice',
        'the default of `tier` is not a "free" | "pro"',
        'case "a": `tier` must be "free" | "pro", got "silver"',
      ].map(
        (message, index) =>
          `${['R007', 'R017', 'R004'][index]} ${message}${index === 0 ? ' | keep one `verify` line' : ''}`,
      ),
    );
  });

  it('places each diagnostic on the right line and column', () => {
    const source =
      'prog 1\nprogram p\ninput country: string\nprompt "{{ contry }}"\nverify exact(expected)\ncase "a" { country: "F" } -> "P"\n';
    const loaded = compileProgram(source, 'p.prog');
    const [diagnostic] = loaded.diagnostics;
    if (!diagnostic) throw new Error('expected a diagnostic');
    expect(renderDiagnostic(diagnostic, source)).toBe(
      [
        'p.prog:4:9: error R001: unknown input `contry` in the prompt',
        '  |',
        '4 | prompt "{{ contry }}"',
        '  |         ^^^^^^^^^^^^',
        '  = hint: did you mean `country`?',
      ].join('\n'),
    );
  });
});
