import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parse } from 'yaml';
import { type JsonReportScore, jsonReportSchema } from '../src/report/json-report-schema.js';
import { composedProgram, hostileProgram, programFolder } from './support/report-programs.js';
import { repoRoot, runCli } from './support/run-cli.js';

const junitSchema = readFileSync(join(repoRoot, 'tests/fixtures/junit/JUnit.xsd'), 'utf8');

async function validateJunit(xml: string): Promise<{ valid: boolean; errors: readonly unknown[] }> {
  return validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'JUnit.xsd', contents: junitSchema }],
  });
}

const allowedReporters = 'console, verbose, json, junit, markdown, html';

describe('--reporter junit', () => {
  it('writes one testsuite per program and one testcase per expectation, valid against the JUnit schema', async () => {
    const { store } = programFolder({});
    const result = runCli(['test', 'examples/quickstart', '--reporter', 'junit', '--store', store]);
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>')).toBe(true);
    expect(result.stdout.match(/<testsuite /g)).toHaveLength(3);
    expect(result.stdout.match(/<testcase /g)).toHaveLength(6);
    expect(result.stdout).toContain('name="capitals on sim"');
    expect(result.stdout).toContain('<testcase name="expect pass@10 &gt;= 0.8" classname="capitals.sim"');
    expect(result.stdout).not.toContain('<failure');
    const validation = await validateJunit(result.stdout);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
  });

  it('reports a failed expectation as a failure with the observed value, its interval and the threshold', async () => {
    const { folder, store } = programFolder({ 'hostile.prog': hostileProgram });
    const result = runCli(['test', '.', '--reporter', 'junit', '--store', store], { cwd: folder });
    expect(result.status).toBe(1);
    const validation = await validateJunit(result.stdout);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(result.stdout).toMatch(
      /<failure type="expectation" message="pass@1 &gt;= 0.99: observed 0\.\d{3} \(95% interval 0\.\d{3}–\d\.\d{3}\), threshold &gt;= 0.99">/,
    );
    expect(result.stdout).toContain('  threshold: &gt;= 0.99');
    expect(result.stdout).toContain('hostile.prog:10:1');
    // Model output is text in the XML, never markup.
    expect(result.stdout).not.toContain('<script>');
    expect(result.stdout).toContain('&lt;script&gt;window.__pwned');
    expect(result.stdout).toMatch(/failures="1" errors="0"/);
  });

  it('reports programs with errors as errors of an informal testsuite, still valid, and exits 2', async () => {
    const { folder, store } = programFolder({ 'broken.prog': 'prog 1\nprogram broken\ninput country string\n' });
    const result = runCli(['test', '.', '--reporter', 'junit', '--store', store], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('broken.prog:3:15: error P001');
    expect(result.stdout).toMatch(/<testsuite id="0" package="informal" name="informal"[^>]* errors="1"/);
    expect((await validateJunit(result.stdout)).valid).toBe(true);
  });
});

describe('--reporter verbose', () => {
  it('prints every case with its counts and mean score, and a failing output with its verification tree', () => {
    const { folder, store } = programFolder({ 'composed.prog': composedProgram });
    const result = runCli(['test', '.', '--reporter', 'verbose', '--store', store], { cwd: folder });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ composed');
    expect(result.stdout).toMatch(/\n {4}[✓✗] france +\d+\/12 passed {2}mean score \d\.\d{3}/);
    expect(result.stdout).toMatch(/\n {4}✗ italy +\d+\/12 passed/);
    expect(result.stdout).toMatch(
      /sample \d+ \(seed \d+\): «[^»]+»\n {10}0\.\d{3} {2}0\.6 \* contains\(expected\) \+ 0\.4/,
    );
    expect(result.stdout).toMatch(/\n {16}\d\.\d{3} {2}length\(\{ max: 3 \}\) — \d characters/);
  });

  it('shows control characters in model output as escapes, never raw', () => {
    const { folder, store } = programFolder({
      'bell.prog':
        'prog 1\nprogram bell\ninput x: string\nprompt "{{ x }}"\nverify exact("x")\ncase "a" { x: "a" } -> "ring\u0007 \u001b[31mred"\nsample 4 seed 1\n',
    });
    const result = runCli(['test', '.', '--reporter', 'verbose', '--store', store], { cwd: folder });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('ring\\u0007 \\u001b[31mred');
    expect(result.stdout).not.toContain('\u001b[31m');
  });
});

describe('--reporter markdown', () => {
  it('writes a summary table, the failed expectations and per-program metrics, with model output escaped', () => {
    const { folder, store } = programFolder({ 'hostile.prog': hostileProgram });
    const result = runCli(['test', '.', '--reporter', 'markdown', '--store', store], { cwd: folder });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('## informal: ❌ failed');
    expect(result.stdout).toContain(
      '| | program | interpreter | cases × samples | pass@1 | expectations met | errors |',
    );
    expect(result.stdout).toMatch(/\| ❌ \| hostile \| sim \| 3 × 6 \| 0\.\d{3} \| 0 \/ 1 \| 0 \|/);
    expect(result.stdout).toContain('#### Expectations not met');
    expect(result.stdout).toMatch(/- \*\*hostile\*\* on sim: `expect pass@1 >= 0.99` observed \*\*0\.\d{3}\*\*/);
    expect(result.stdout).toContain('| pass@1 | 0.');
    expect(result.stdout).not.toMatch(/<script|<img|<a /);
    // A failing output is another case's hostile answer or this one's: shown escaped either way.
    expect(result.stdout).toMatch(/&lt;(script|img)/);
    // A pipe in an output cannot split a table row.
    for (const row of result.stdout.split('\n').filter((line) => line.startsWith('| link'))) {
      expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
    }
  });
});

describe('--reporter json', () => {
  it('matches the documented schema, with each case example trace', () => {
    const { store } = programFolder({});
    const result = runCli(['test', 'examples/quickstart', '--reporter', 'json', '--store', store]);
    expect(result.status).toBe(0);
    const parsed = jsonReportSchema.safeParse(JSON.parse(result.stdout));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const capitals = parsed.data?.programs.find((program) => program.name === 'capitals');
    const trace = capitals?.cases[0]?.trace;
    expect(trace?.steps[0]?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(trace?.steps[0]?.messages[1]?.content).toBe('What is the capital of France?');
  });

  it('matches the schema for a suite that could not run, with its diagnostics', () => {
    const { folder, store } = programFolder({ 'broken.prog': 'prog 1\nprogram broken\ninput country string\n' });
    const result = runCli(['test', '.', '--reporter', 'json', '--store', store], { cwd: folder });
    expect(result.status).toBe(2);
    const report = jsonReportSchema.parse(JSON.parse(result.stdout));
    expect(report.status).toBe('error');
    expect(report.diagnostics[0]).toMatchObject({ code: 'P001', line: 3, column: 15 });
  });

  it('holds the score tree of a composed verifier, equal to the values computed by hand', () => {
    const { folder, store } = programFolder({ 'composed.prog': composedProgram });
    const result = runCli(['test', 'composed.prog', '--reporter', 'json', '--store', store], { cwd: folder });
    expect(result.status).toBe(1);
    const report = jsonReportSchema.parse(JSON.parse(result.stdout));
    const source = composedProgram;
    const text = (score: JsonReportScore) => source.slice(score.span?.start, score.span?.end);
    const expectedOf: Record<string, string> = { france: 'Paris', italy: 'Rome', cuba: 'Ha' };
    const roots = new Set<number>();
    for (const testCase of report.programs[0]?.cases ?? []) {
      for (const sample of testCase.samples) {
        const output = String(sample.output);
        const expected = expectedOf[testCase.id] as string;
        // By hand: contains and exact compare trimmed text; length counts characters; and = min; + of weighted terms.
        const contains = output.trim().includes(expected) ? 1 : 0;
        const short = [...output].length <= 3 ? 1 : 0;
        const exact = output.trim() === expected ? 1 : 0;
        const both = Math.min(short, exact);
        const total = 0.6 * contains + 0.4 * both;
        const root = sample.score;
        expect(root.value).toBeCloseTo(total, 12);
        expect(sample.success).toBe(total >= 0.5);
        expect(text(root)).toBe(root.expression);
        expect(root.expression).toBe('0.6 * contains(expected) + 0.4 * (length({ max: 3 }) and exact(expected))');
        const [weightedContains, weightedBoth] = root.parts ?? [];
        expect(weightedContains?.expression).toBe('0.6 * contains(expected)');
        expect(weightedContains?.value).toBeCloseTo(0.6 * contains, 12);
        expect(weightedContains?.parts?.[0]).toMatchObject({ name: 'contains', value: contains });
        expect(weightedBoth?.value).toBeCloseTo(0.4 * both, 12);
        const and = weightedBoth?.parts?.[0];
        expect(and).toMatchObject({ name: 'and', value: both, expression: 'length({ max: 3 }) and exact(expected)' });
        expect(and?.parts?.map((part) => [part.name, part.value, text(part)])).toEqual([
          ['length', short, 'length({ max: 3 })'],
          ['exact', exact, 'exact(expected)'],
        ]);
        roots.add(total);
      }
    }
    // The suite exercises different branches of the tree: a right long answer (0.6), a wrong one (0).
    expect(roots.has(0.6)).toBe(true);
    expect(roots.has(0)).toBe(true);
  });
});

describe('--reporter and --output-file', () => {
  it('writes several reports at once: console on standard output, junit, markdown and html to files', async () => {
    const { folder, store } = programFolder({ 'hostile.prog': hostileProgram });
    const result = runCli(
      [
        'test',
        '.',
        '--store',
        store,
        '--reporter',
        'console',
        '--reporter',
        'junit',
        '--output-file',
        'junit=reports/junit.xml',
        '--reporter',
        'markdown',
        '--output-file',
        'markdown=reports/summary.md',
        '--output-file',
        'html=reports/report.html',
      ],
      { cwd: folder },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ hostile');
    expect(result.stdout).toMatch(/Expectations +1 failed/);
    expect((await validateJunit(readFileSync(join(folder, 'reports/junit.xml'), 'utf8'))).valid).toBe(true);
    expect(readFileSync(join(folder, 'reports/summary.md'), 'utf8')).toContain('## informal: ❌ failed');
    const html = readFileSync(join(folder, 'reports/report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<script type="application/json" id="report-data">');
    // Outside the page's own script, no text from the program or its outputs appears as markup.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/<img|<a |\u2028|\u2029/);
  });

  it('applies a bare path to the one reporter besides console', () => {
    const { store } = programFolder({});
    const { folder } = programFolder({});
    const result = runCli(
      [
        'test',
        join(repoRoot, 'examples/quickstart'),
        '--store',
        store,
        '--reporter',
        'json',
        '--output-file',
        'out/r.json',
      ],
      { cwd: folder },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(jsonReportSchema.safeParse(JSON.parse(readFileSync(join(folder, 'out/r.json'), 'utf8'))).success).toBe(true);
  });

  it('refuses unknown reporters, ambiguous bare paths and two documents on standard output, with exit 2', () => {
    const unknown = runCli(['test', 'examples/quickstart', '--reporter', 'xml']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`expected one of ${allowedReporters}`);
    const unknownInFile = runCli(['test', 'examples/quickstart', '--output-file', 'xml=r.xml']);
    expect(unknownInFile.status).toBe(2);
    expect(unknownInFile.stderr).toBe(
      `error: --output-file xml=r.xml: unknown reporter \`xml\`: expected one of ${allowedReporters}\n`,
    );
    const bare = runCli(['test', 'examples/quickstart', '--output-file', 'r.xml']);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('a bare path needs exactly one reporter besides console, and there is none');
    const two = runCli(['test', 'examples/quickstart', '--reporter', 'json', '--reporter', 'junit']);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('json and junit would all write to standard output');
    for (const result of [unknown, unknownInFile, bare, two]) {
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(repoRoot, 'r.xml'))).toBe(false);
  });
});

describe('the CI workflow example', () => {
  it('runs informal test with the options it gives, writing a valid JUnit report and a Markdown summary', async () => {
    const workflow = parse(readFileSync(join(repoRoot, 'examples/ci/github-actions.yml'), 'utf8')) as {
      jobs: { evals: { steps: { name?: string; run?: string }[] } };
    };
    const command = workflow.jobs.evals.steps.find((step) => step.name === 'Run the eval suite')?.run ?? '';
    const [npx, informal, ...args] = command.trim().split(/\s+/);
    expect([npx, informal]).toEqual(['npx', 'informal']);
    const { store } = programFolder({});
    const { folder } = programFolder({});
    const result = runCli([...args, join(repoRoot, 'examples/quickstart'), '--store', store], { cwd: folder });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Programs +3 passed \(3\)/);
    expect((await validateJunit(readFileSync(join(folder, 'reports/junit.xml'), 'utf8'))).valid).toBe(true);
    expect(readFileSync(join(folder, 'reports/summary.md'), 'utf8')).toContain('## informal: ✅ passed');
    expect(existsSync(join(folder, 'reports/report.html'))).toBe(true);
    const steps = workflow.jobs.evals.steps.map((step) => step.run ?? '');
    expect(steps).toContain('cat reports/summary.md >> "$GITHUB_STEP_SUMMARY"');
  });
});
