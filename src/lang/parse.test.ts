import { describe, expect, it } from 'vitest';
import type { ItemNode, MessageItem } from './ast.js';
import { parseProg } from './parse.js';
import { renderDiagnostic } from './render-diagnostic.js';

const header = 'prog 1\nprogram p\n';

function items(text: string): readonly ItemNode[] {
  const result = parseProg(header + text, 'p.prog');
  expect(result.diagnostics).toEqual([]);
  return result.document?.program.items ?? [];
}

function rendered(text: string): string {
  const result = parseProg(text, 'p.prog');
  expect(result.document).toBeUndefined();
  return result.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, text)).join('\n');
}

describe('parseProg', () => {
  it('reads every item of the first grammar', () => {
    const parsed = items(
      [
        'model "sim:large"',
        'input country: string',
        'input tier: "free" | "pro" = "free"',
        'system "Be brief."',
        'prompt "Capital of {{ country }}?"',
        'verify exact(expected) and not contains("x")',
        'pass when score >= 0.5',
        'case "fr" { country: "France", tier: "pro" } -> { city: "Paris", alt: [1, 2.5, true, null] }',
        'sample 20 temperature 0.7 top_p 0.9 max_tokens 64 seed 3',
        'expect pass@1 >= 0.5',
        'expect pass^4 > .25',
      ].join('\n'),
    );
    expect(parsed.map((item) => item.kind)).toEqual([
      'model',
      'input',
      'input',
      'message',
      'message',
      'verify',
      'pass-when',
      'case',
      'sample',
      'expect',
      'expect',
    ]);
    const expects = parsed.filter((item) => item.kind === 'expect');
    expect(
      expects.map((item) => [item.metric.name, 'k' in item.metric && item.metric.k, item.operator, item.threshold]),
    ).toEqual([
      ['pass@k', 1, '>=', 0.5],
      ['pass^k', 4, '>', 0.25],
    ]);
  });

  it('dedents text blocks and keeps interpolations with their places', () => {
    const text = 'prompt """\n    Facts: {{ ticket.subject }}\n      indented\n    done\n    """\n';
    const [message] = items(text) as MessageItem[];
    const parts = message?.text.kind === 'inline' ? message.text.parts : [];
    expect(parts).toEqual([
      { kind: 'text', text: 'Facts: ' },
      { kind: 'interpolation', path: ['ticket', 'subject'], span: expect.any(Object) },
      { kind: 'text', text: '\n  indented\ndone' },
    ]);
    const interpolation = parts[1];
    if (interpolation?.kind !== 'interpolation') throw new Error('expected an interpolation');
    expect((header + text).slice(interpolation.span.start, interpolation.span.end)).toBe('{{ ticket.subject }}');
  });

  it('keeps escaped braces and braces in case data as text', () => {
    const [message, testCase] = items('prompt "literal \\{{ x }} here"\ncase "a" { q: "{{ not a template }}" }');
    expect(message?.kind === 'message' && message.text.kind === 'inline' && message.text.parts).toEqual([
      { kind: 'text', text: 'literal {{ x }} here' },
    ]);
    expect(testCase?.kind === 'case' && testCase.inputs.fields[0]?.value).toMatchObject({
      value: '{{ not a template }}',
    });
  });

  it('reads identifiers, strings, text blocks and comments with characters beyond ASCII, quotes, braces and backslashes', () => {
    const [input, prompt, system] = items(
      [
        '# a comment: é 😀',
        'input café: string # trailing',
        'prompt "Ünïcode 😀 {{ café }} \\" \\\\ \\n"',
        'system """',
        '  a "quote", "" two, { brace }, \\{{ x }}, back\\slash, {{ café }}😀',
        '  """',
      ].join('\n'),
    ) as [ItemNode, MessageItem, MessageItem];
    expect(input.kind === 'input' && input.name.name).toBe('café');
    expect(prompt.text.kind === 'inline' && prompt.text.parts).toEqual([
      { kind: 'text', text: 'Ünïcode 😀 ' },
      { kind: 'interpolation', path: ['café'], span: expect.any(Object) },
      { kind: 'text', text: ' " \\ \n' },
    ]);
    expect(system.text.kind === 'inline' && system.text.parts).toEqual([
      { kind: 'text', text: 'a "quote", "" two, { brace }, {{ x }}, back\\slash, ' },
      { kind: 'interpolation', path: ['café'], span: expect.any(Object) },
      { kind: 'text', text: '😀' },
    ]);
  });

  it('reads operators with the usual precedence', () => {
    const [verify] = items('verify 0.6 * a(x) + 0.4 * b or not c and d >= 0.5');
    if (verify?.kind !== 'verify') throw new Error('expected verify');
    const shape = (node: unknown): unknown => {
      const expression = node as {
        kind: string;
        operator?: string;
        left?: unknown;
        right?: unknown;
        operand?: unknown;
      };
      if (expression.kind === 'binary') return [expression.operator, shape(expression.left), shape(expression.right)];
      if (expression.kind === 'not') return ['not', shape(expression.operand)];
      return expression.kind;
    };
    expect(shape(verify.expression)).toEqual([
      'or',
      ['+', ['*', 'literal', 'call'], ['*', 'literal', 'name']],
      ['and', ['not', 'name'], ['>=', 'name', 'literal']],
    ]);
  });

  it('renders a syntax error with its place, the source line, a caret and what was expected', () => {
    expect(rendered(`${header}input country string\n`)).toBe(
      [
        'p.prog:3:15: error P001: expected ":", found `string`',
        '  |',
        '3 | input country string',
        '  |               ^^^^^^',
      ].join('\n'),
    );
  });

  it('suggests the keyword a misspelt item meant', () => {
    expect(rendered(`${header}verfy exact(expected)\n`)).toBe(
      [
        'p.prog:3:1: error P001: expected a program item (model, input, output, system, prompt, step, judge, verify, require, pass, case, cases, sample, expect, user, assistant, tool, mcp, environment, agent, simulate, budget, sequential), found `verfy`',
        '  |',
        '3 | verfy exact(expected)',
        '  | ^^^^^',
        '  = hint: did you mean `verify`?',
      ].join('\n'),
    );
  });

  it('explains a missing header, an unclosed block and a bad interpolation', () => {
    expect(rendered('program p\n')).toContain('hint: a .prog file starts with its version header, `prog 1`');
    expect(rendered(`${header}prompt """\n  hello\n`)).toContain('this text block has no closing `"""`');
    expect(rendered(`${header}prompt "hi {{ 3 }}"\n`)).toContain(
      'p.prog:3:15: error P001: expected a name or a dotted path such as ticket.subject, found `3`',
    );
  });

  it('refuses versions it does not read, with a diagnostic rather than an exception', () => {
    const result = parseProg('prog 2\nprogram p\n', 'p.prog');
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['P002']);
  });
});

describe('parseProg: composition, case files, judges and metrics', () => {
  it('reads imports before the program, with their names and paths', () => {
    const text = 'prog 1\nimport { a, b_c } from "./x.prog"\nimport { v } from "../verifiers/v.ts"\nprogram p\n';
    const document = parseProg(text, 'p.prog').document;
    expect(document?.imports.map((item) => [item.names.map((name) => name.name), item.from.value])).toEqual([
      [['a', 'b_c'], './x.prog'],
      [['v'], '../verifiers/v.ts'],
    ]);
    const from = document?.imports[0]?.from.span;
    expect(from && text.slice(from.start, from.end)).toBe('"./x.prog"');
  });

  it('reads call steps with positional and named arguments, and prompt steps inline or from a file', () => {
    const [call, inline, file, prompt] = items(
      'step facts = extract(ticket, tier: "pro", n: 3, from_step: facts0.summary)\nstep answer = """\n  Facts: {{ facts }}\n  """\nstep long = from "./long.md"\nprompt from "./p.md"\n',
    );
    if (call?.kind !== 'step' || call.body.kind !== 'call') throw new Error('expected a call step');
    expect(call.name.name).toBe('facts');
    expect(call.body.callee.name).toBe('extract');
    expect(
      call.body.args.map((argument) => [
        argument.name?.name,
        argument.value.kind === 'path' ? argument.value.path : argument.value.literal.kind,
      ]),
    ).toEqual([
      [undefined, ['ticket']],
      ['tier', 'string'],
      ['n', 'number'],
      ['from_step', ['facts0', 'summary']],
    ]);
    expect(inline?.kind === 'step' && inline.body.kind === 'prompt' && inline.body.text).toMatchObject({
      kind: 'inline',
      parts: [
        { kind: 'text', text: 'Facts: ' },
        { kind: 'interpolation', path: ['facts'] },
      ],
    });
    expect(file?.kind === 'step' && file.body.kind === 'prompt' && file.body.text).toMatchObject({
      kind: 'file',
      path: { value: './long.md' },
    });
    expect(prompt?.kind === 'message' && prompt.text).toMatchObject({ kind: 'file', path: { value: './p.md' } });
  });

  it('reads judges with their settings and rubric', () => {
    const [judge, fromFile] = items(
      'judge polite model "sim:large" samples 3 temperature 0 """\n  Is it polite? {{ output }}\n  """\njudge kind from "./kind.md"\n',
    );
    if (judge?.kind !== 'judge') throw new Error('expected a judge');
    expect(judge.settings.map((setting) => [setting.name, setting.value])).toEqual([
      ['model', 'sim:large'],
      ['samples', 3],
      ['temperature', 0],
    ]);
    expect(judge.rubric.kind).toBe('inline');
    expect(fromFile?.kind === 'judge' && fromFile.rubric.kind).toBe('file');
  });

  it('reads case files with a mapping, and case expectations only on the case line', () => {
    const parsed = items(
      'cases from "./t.csv" { id: "key", inputs: { ticket: "body" } }\ncase "a" { x: 1 } -> "y" expect pass@1 >= 0.5 expect max@2 > 0.1\ncase "b" { x: 2 }\nexpect pass@2 >= 0.3\n',
    );
    expect(parsed.map((item) => item.kind)).toEqual(['cases-from', 'case', 'case', 'expect']);
    const [casesFrom, first, second] = parsed;
    expect(casesFrom?.kind === 'cases-from' && casesFrom.mapping?.fields.map((field) => field.name.name)).toEqual([
      'id',
      'inputs',
    ]);
    expect(first?.kind === 'case' && first.expectations.map((expectation) => expectation.metric.name)).toEqual([
      'pass@k',
      'max@k',
    ]);
    expect(second?.kind === 'case' && second.expectations).toEqual([]);
  });

  it('reads every metric an expectation can name', () => {
    const metrics = [
      'pass@3',
      'pass^2',
      'max@4',
      'g-pass@4[0.5]',
      'mean_score',
      'attempts@10',
      'pass@inf',
      'error_rate',
    ].map((metric) => {
      const [item] = items(`expect ${metric} >= 0.5\n`);
      if (item?.kind !== 'expect') throw new Error('expected an expectation');
      const { span: _span, ...rest } = item.metric;
      return rest;
    });
    expect(metrics).toEqual([
      { name: 'pass@k', k: 3 },
      { name: 'pass^k', k: 2 },
      { name: 'max@k', k: 4 },
      { name: 'g-pass@k', k: 4, tau: 0.5 },
      { name: 'mean-score' },
      { name: 'attempts', budget: 10 },
      { name: 'pass@inf' },
      { name: 'error-rate' },
    ]);
    expect(rendered(`${header}expect pass@k >= 0.5\n`)).toContain('expected a metric such as pass@1');
  });

  it('suggests keywords for swapped letters and misspelt judge settings', () => {
    expect(rendered(`${header}stpe x = "y"\n`)).toContain('= hint: did you mean `step`?');
    expect(rendered(`${header}judge j modl "sim" "rate"\n`)).toContain('= hint: did you mean `model`?');
    expect(rendered(`${header}step x = \n`)).not.toContain('a text block ends');
  });
});
