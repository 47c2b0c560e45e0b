import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

const program = (judgeModel: string) =>
  [
    'prog 1',
    'program capitals',
    'input country: string',
    'prompt "What is the capital of {{ country }}?"',
    `judge correct model "${judgeModel}" samples 3 """`,
    '  Score from 0 to 1 whether {{ output }} is the capital of {{ country }}.',
    '  """',
    'verify correct and exact(expected)',
    'pass when score >= 0.5',
    'case "france" { country: "France" } -> "Paris"',
  ].join('\n');

const capitals: [string, string, string][] = [
  ['France', 'Paris', 'Lyon'],
  ['Japan', 'Tokyo', 'Osaka'],
  ['Canada', 'Ottawa', 'Toronto'],
  ['Peru', 'Lima', 'Cusco'],
  ['Kenya', 'Nairobi', 'Mombasa'],
  ['Chile', 'Santiago', 'Valparaíso'],
  ['Turkey', 'Ankara', 'Istanbul'],
  ['India', 'New Delhi', 'Mumbai'],
];

/** Labels as a person gives them: right answers 1, wrong ones 0, as JSONL and as CSV with pass/fail. */
const jsonl = capitals
  .flatMap(([country, right, wrong]) => [
    { id: `${country}-right`, country, output: right, expected: right, label: 1 },
    { id: `${country}-wrong`, country, output: wrong, expected: right, label: 0 },
  ])
  .map((row) => JSON.stringify(row))
  .join('\n');
const csv = [
  'id,country,output,expected,label',
  ...capitals.flatMap(([country, right, wrong]) => [
    `${country}-right,${country},${right},${right},pass`,
    `${country}-wrong,${country},${wrong},${right},fail`,
  ]),
].join('\n');

interface MetaEvalJson {
  subject: string;
  items: number;
  errors: number;
  threshold: number;
  spearman: { defined: boolean; estimate: number; lower: number; upper: number };
  kappa: { defined: boolean; estimate: number; observedAgreement: number };
  meanAbsoluteError: number;
  judgeNoise: { judge: string; interpreterId: string; samplesPerVerdict: number; meanAgreement: number }[];
  rows: { id: string; label: number; score: number; status: string }[];
}

function metaEval(folder: string, args: string[]): MetaEvalJson {
  const result = runCli(['meta-eval', 'p.prog', '--store', 'store.sqlite', '--json', ...args], { cwd: folder });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as MetaEvalJson;
}

describe('informal meta-eval', () => {
  it('measures a judge against labels: a stronger simulated judge agrees more', () => {
    const strong = metaEval(tempFolder({ 'p.prog': program('sim:large'), 'labels.jsonl': jsonl }), [
      '--labels',
      'labels.jsonl',
      '--judge',
      'correct',
    ]);
    const weak = metaEval(tempFolder({ 'p.prog': program('sim:small'), 'labels.jsonl': jsonl }), [
      '--labels',
      'labels.jsonl',
      '--judge',
      'correct',
    ]);
    expect(strong).toMatchObject({ subject: 'judge correct', items: 16, errors: 0, threshold: 0.5 });
    expect(strong.spearman.defined && strong.kappa.defined).toBe(true);
    expect(strong.kappa.estimate).toBeGreaterThan(weak.kappa.estimate);
    expect(strong.meanAbsoluteError).toBeLessThan(weak.meanAbsoluteError);
    expect(strong.judgeNoise).toEqual([
      expect.objectContaining({ judge: 'correct', interpreterId: 'sim:large', samplesPerVerdict: 3 }),
    ]);
    expect(strong.rows).toHaveLength(16);
    expect(strong.rows[0]).toMatchObject({ id: 'France-right', label: 1, status: 'scored' });
  });

  it('checks the whole verifier by default, reads CSV labels, and prints a readable table', () => {
    const folder = tempFolder({ 'p.prog': program('sim:large'), 'labels.csv': csv });
    const whole = metaEval(folder, ['--labels', 'labels.csv']);
    // `correct and exact(expected)`: exact matching fails every wrong answer, so κ is perfect whatever the judge says.
    expect(whole).toMatchObject({ subject: 'verify', items: 16, errors: 0 });
    expect(whole.kappa).toMatchObject({ defined: true, estimate: 1 });
    const text = runCli(['meta-eval', 'p.prog', '--labels', 'labels.csv', '--store', 'store.sqlite'], { cwd: folder });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      'Meta-evaluation of the verifier of capitals (p.prog): correct on sim:large, 3 per verdict',
    );
    expect(text.stdout).toMatch(/Spearman ρ\s+\d\.\d{3}\s+\[/);
    expect(text.stdout).toMatch(/Cohen's κ\s+1\.000 {2}\[1\.000, 1\.000\] {2}agreement 1\.000, by chance 0\.500/);
    expect(text.stdout).toMatch(
      /judge correct noise {2}spread \d\.\d{3}, agreement \d\.\d{3} across 3 answers per verdict/,
    );
  });

  it('names the file, row and field of bad labels, and a misspelt judge, exiting 2 without a stack trace', () => {
    const folder = tempFolder({
      'p.prog': program('sim:large'),
      'bad.jsonl': '{"id": "a", "output": "Paris", "country": "France"}\n{"country": 3, "output": "x", "label": 2}\n',
      'labels.jsonl': jsonl,
    });
    const bad = runCli(['meta-eval', 'p.prog', '--labels', 'bad.jsonl'], { cwd: folder });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("bad.jsonl, line 1: no field `label` (the person's score)");
    expect(bad.stderr).toContain('bad.jsonl, line 2: field `label` must be a number from 0 to 1');
    expect(bad.stderr).toContain('bad.jsonl, line 2: field `country` must be string, got 3');
    const misspelt = runCli(['meta-eval', 'p.prog', '--labels', 'labels.jsonl', '--judge', 'corect'], { cwd: folder });
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('did you mean `correct`?');
    const missing = runCli(['meta-eval', 'p.prog', '--labels', 'nope.jsonl'], { cwd: folder });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read the labels file nope.jsonl: ENOENT');
    for (const result of [bad, misspelt, missing]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
