import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../tests/support/temp-folder.js';
import { renderDiagnostic } from '../lang/render-diagnostic.js';
import { loadProgram } from './load-program.js';

const header = `prog 1
program triage
input ticket: string
input tier: "free" | "pro" = "free"
input priority: integer = 0
prompt "{{ ticket }} {{ tier }} {{ priority }}"
verify exact(expected)
`;

async function load(files: Record<string, string>) {
  const folder = tempFolder(files);
  return { folder, loaded: await loadProgram('p.prog', folder) };
}

const messages = (loaded: Awaited<ReturnType<typeof loadProgram>>) =>
  loaded.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.message}`);

describe('cases from files', () => {
  const expectedCases = [
    { id: 'a', inputs: { ticket: 'Site down', tier: 'pro', priority: 2 }, hasExpected: true, expected: 'high' },
    { id: 'b', inputs: { ticket: 'Typo', tier: 'free', priority: 0 }, hasExpected: true, expected: 'low' },
  ];

  it('reads JSON Lines, JSON, CSV and YAML alike, with defaults applied', async () => {
    const sources: Record<string, string> = {
      'cases.jsonl':
        '{"id": "a", "ticket": "Site down", "tier": "pro", "priority": 2, "expected": "high"}\n\n{"id": "b", "ticket": "Typo", "expected": "low"}\n',
      'cases.json': JSON.stringify([
        { id: 'a', ticket: 'Site down', tier: 'pro', priority: 2, expected: 'high' },
        { id: 'b', ticket: 'Typo', expected: 'low' },
      ]),
      'cases.csv': 'id,ticket,tier,priority,expected\na,Site down,pro,2,high\nb,Typo,,,low\n',
      'cases.yaml':
        '- id: a\n  ticket: Site down\n  tier: pro\n  priority: 2\n  expected: high\n- id: b\n  ticket: Typo\n  expected: low\n',
    };
    for (const [name, text] of Object.entries(sources)) {
      const { loaded, folder } = await load({ [name]: text, 'p.prog': `${header}cases from "./${name}"\n` });
      expect(messages(loaded), name).toEqual([]);
      expect(
        loaded.program?.cases.map(({ span: _span, origin: _origin, ...rest }) => rest),
        name,
      ).toEqual(expectedCases);
      expect(loaded.program?.cases[1]?.origin?.file).toBe(`${folder}/${name}`);
      expect(loaded.dependencies).toEqual([`${folder}/${name}`]);
    }
  });

  it('maps the id, the inputs and reference fields from other columns, and numbers rows without ids', async () => {
    const { loaded } = await load({
      'tickets.csv': 'key,body,plan,label,source\nk1,Site down,pro,high,kb-1\n',
      'rows.jsonl': '{"ticket": "Typo", "expected": "low"}\n',
      'p.prog': `${header.replace('verify exact(expected)', 'verify exact(expected.label) or exact(expected)')}
cases from "./tickets.csv" { id: "key", inputs: { ticket: "body", tier: "plan" }, expected: { label: "label", source: "source" } }
cases from "./rows.jsonl"
`,
    });
    expect(messages(loaded)).toEqual([]);
    expect(loaded.program?.cases.map((testCase) => [testCase.id, testCase.inputs, testCase.expected])).toEqual([
      ['k1', { ticket: 'Site down', tier: 'pro', priority: 0 }, { label: 'high', source: 'kb-1' }],
      ['rows.jsonl:1', { ticket: 'Typo', tier: 'free', priority: 0 }, 'low'],
    ]);
  });

  it('checks every row against the input types, naming the file, the row and the field', async () => {
    const { loaded } = await load({
      'bad.csv': 'id,ticket,tier,priority,expected\na,ok,gold,1,x\nb,,free,2.5,y\nc,fine,pro,3\na,dup,pro,1,z\n',
      'p.prog': `${header}cases from "./bad.csv"\n`,
    });
    const rendered = loaded.diagnostics.map((diagnostic) => renderDiagnostic(diagnostic, loaded.source));
    expect(messages(loaded)).toEqual([
      'R029 ./bad.csv, line 2: field `tier` (input `tier`) must be "free" | "pro", got "gold"',
      'R029 ./bad.csv, line 3: field `priority` (input `priority`) must be integer, got 2.5',
      'R029 ./bad.csv, line 4: no field `expected` for the expected value, and the verifier reads one',
      'R029 ./bad.csv, line 5: case "a" is defined twice',
    ]);
    expect(rendered[0]).toContain('p.prog:8:12: error R029');
    expect(rendered[0]).toContain('8 | cases from "./bad.csv"');
  });

  it('reports a missing file, an unknown format, malformed rows and a bad mapping', async () => {
    const { loaded } = await load({
      'cases.txt': 'a',
      'broken.jsonl': '{"ticket": "x"}\nnot json\n',
      'p.prog': `${header}cases from "./missing.jsonl"
cases from "./cases.txt"
cases from "./broken.jsonl"
cases from "./broken.jsonl" { idd: "x", inputs: { tiket: "body" } }
`,
    });
    expect(messages(loaded)).toEqual([
      'R035 cannot read the case file "./missing.jsonl": no such file',
      'R028 cannot read the case file "./cases.txt": its format is not known from its name: case files end in .jsonl, .json, .csv, .yaml, .yml',
      expect.stringMatching(/^R028 cannot read the case file "\.\/broken\.jsonl": line 2 is not JSON: /),
      'R028 a case file mapping has no `idd`',
      'R028 `inputs` maps `tiket`, which is not an input',
    ]);
    expect(loaded.diagnostics.map((diagnostic) => diagnostic.hint).slice(3)).toEqual([
      'did you mean `id`?',
      'did you mean `ticket`?',
    ]);
  });
});

describe('inline cases', () => {
  it('take reference fields after the arrow and expectations of their own on the same line', async () => {
    const { loaded } = await load({
      'p.prog': `${header.replace('verify exact(expected)', 'verify exact(expected.label)')}
case "outage" { ticket: "down" } -> { label: "high", source: "kb" } expect pass@1 >= 0.9 expect max@2 > 0.5
case "typo" { ticket: "typo" } -> { label: "low" }
sample 2
expect pass@2 >= 0.5
`,
    });
    expect(messages(loaded)).toEqual([]);
    expect(loaded.program?.cases[0]?.expected).toEqual({ label: 'high', source: 'kb' });
    expect(loaded.program?.expectations.map((expectation) => [expectation.text, expectation.caseId])).toEqual([
      ['pass@2 >= 0.5', undefined],
      ['pass@1 >= 0.9', 'outage'],
      ['max@2 > 0.5', 'outage'],
    ]);
  });
});
