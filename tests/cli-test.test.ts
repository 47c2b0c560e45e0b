import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';

function tempProgram(name: string, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'informal-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/** The JSON report without the fields that depend on the clock (the run id is the start time and a random tail). */
function withoutTiming(report: unknown): unknown {
  return JSON.parse(JSON.stringify(report), (key, value) =>
    ['startedAt', 'durationMs', 'latencyMs', 'seconds', 'latency', 'runId'].includes(key) ? undefined : value,
  );
}

/** A fresh store file, so that tests neither share nor leave cached samples. */
function freshStore(): string {
  return join(mkdtempSync(join(tmpdir(), 'informal-store-')), 'store.sqlite');
}

describe('informal test', () => {
  it('runs the quickstart on the simulator, prints pass@k per program, and exits 0', () => {
    const result = runCli(['test', 'examples/quickstart', '--store', freshStore()]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const name of ['capitals', 'arithmetic', 'sentiment']) expect(result.stdout).toContain(`✓ ${name}`);
    expect(result.stdout).toMatch(/pass@1 +0\.\d{3}/);
    expect(result.stdout).toMatch(/pass@10 +0\.\d{3}/);
    expect(result.stdout).toContain('simulator');
    expect(result.stdout).toMatch(/Programs +3 passed \(3\)/);
  });

  it('exits 1 when an expectation cannot be met, naming it and where it is written', () => {
    const source = readFileSync(join(repoRoot, 'examples/quickstart/capitals.prog'), 'utf8');
    const { file } = tempProgram('capitals.prog', `${source}expect pass@1 >= 1\n`);
    const result = runCli(['test', file, '--store', freshStore()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✗ expect pass@1 >= 1 +observed 0\.\d{3}/);
    expect(result.stdout).toContain(`${file}:`);
    expect(result.stdout).toMatch(/Expectations +1 failed \| 2 met \(3\)/);
  });

  it('counts one case and one sample in the singular', () => {
    const { file } = tempProgram(
      'one.prog',
      'prog 1\nprogram one\nmodel "sim:perfect"\nprompt "Say yes."\nverify exact(expected)\ncase "a" {} -> "yes"\n',
    );
    const result = runCli(['test', file, '--store', freshStore()]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('  1 case × 1 sample on sim:perfect');
  });

  it('exits 2 on a syntax error with file:line:col, the source line, a caret and what was expected', () => {
    const { file } = tempProgram('broken.prog', 'prog 1\nprogram broken\ninput country string\n');
    const result = runCli(['test', file, '--store', freshStore()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${file}:3:15: error P001: expected ":", found \`string\``);
    expect(result.stderr).toContain('3 | input country string\n  |               ^^^^^^');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain('Not run: 1 of 1 program files have errors');
  });

  it('exits 2 for an unknown interpreter and an unknown option, without a stack trace', () => {
    const unknown = runCli(['test', 'examples/quickstart', '--interpreter', 'sim:huge']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown simulator profile `huge`');
    const badSeed = runCli(['test', 'examples/quickstart', '--seed', 'abc']);
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toContain('expected a whole number');
    const badReporter = runCli(['test', '--reporter', 'xml']);
    expect(badReporter.status).toBe(2);
    expect(badReporter.stderr).toContain('expected one of console, verbose, json, junit, markdown, html');
    for (const result of [unknown, badSeed, badReporter]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes exactly one versioned JSON document to standard output with --reporter json', () => {
    const result = runCli(['test', 'examples/quickstart', '--reporter', 'json', '--store', freshStore()]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.version).toBe(1);
    expect(report.status).toBe('passed');
    expect(report.programs.map((program: { name: string }) => program.name)).toEqual([
      'arithmetic',
      'capitals',
      'sentiment',
    ]);
    const capitals = report.programs[1];
    expect(capitals.metrics['pass@1']).toBeGreaterThan(0);
    expect(capitals.cases[0].samples).toHaveLength(20);
  });

  it('gives identical JSON apart from timing for the same --seed, and other samples for another seed', () => {
    const run = (seed: string) =>
      JSON.parse(
        runCli(['test', 'examples/quickstart', '--reporter', 'json', '--seed', seed, '--store', freshStore()]).stdout,
      );
    const first = run('42');
    const second = run('42');
    const other = run('43');
    expect(withoutTiming(second)).toEqual(withoutTiming(first));
    const seeds = (report: { programs: { cases: { samples: { seed: number }[] }[] }[] }) =>
      report.programs.flatMap((program) =>
        program.cases.flatMap((testCase) => testCase.samples.map((sample) => sample.seed)),
      );
    expect(seeds(other)).not.toEqual(seeds(first));
    expect(JSON.stringify(withoutTiming(other))).not.toEqual(JSON.stringify(withoutTiming(first)));
  });
});

describe('informal check', () => {
  it('prints every diagnostic of every file and exits 2, calling no interpreter', () => {
    const { dir } = tempProgram(
      'a.prog',
      'prog 1\nprogram a\ninput country: string\nprompt "{{ contry }}"\nverify exat(expected)\ncase "x" { country: "F" } -> "P"\nsample 2\nexpect pass@5 >= 0.5\n',
    );
    const result = runCli(['check', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown input `contry` in the prompt');
    expect(result.stderr).toContain('did you mean `country`?');
    expect(result.stderr).toContain('unknown verifier `exat`');
    expect(result.stderr).toContain('pass@5 needs at least 5 samples per case');
  });

  it('checks the interpreters a program names, at their place, against the config; `test` refuses them the same way', () => {
    const { dir } = tempProgram(
      'a.prog',
      'prog 1\nprogram a\nmodel "sim:huge"\nprompt "Hi"\njudge polite model "simm:large" """Polite? {{ output }}"""\nverify polite\ncase "x" {}\n',
    );
    const checked = runCli(['check', dir]);
    expect(checked.status).toBe(2);
    expect(checked.stderr).toContain('a.prog:3:1: error C001: unknown simulator profile `huge` in `sim:huge`');
    expect(checked.stderr).toContain('hint: the profiles are sim:small, sim:medium');
    expect(checked.stderr).toContain(
      'a.prog:5:14: error C001: no interpreter `simm:large`: `simm` is neither a provider nor an alias of the config',
    );
    expect(checked.stderr).toContain('did you mean `sim:large`?');
    const tested = runCli(['test', dir]);
    expect(tested.status).toBe(2);
    expect(tested.stderr).toContain('a.prog:3:1: error C001: unknown simulator profile `huge` in `sim:huge`');
    expect(tested.stderr).not.toContain('    at ');
    // An alias of the config is a name the program may use; what it stands for is checked.
    writeFileSync(
      join(dir, 'informal.config.mjs'),
      "export default { interpreters: { fast: 'sim:small', huge: 'sim:huge' } };\n",
    );
    writeFileSync(join(dir, 'a.prog'), 'prog 1\nprogram a\nmodel "fast"\nprompt "Hi"\nverify true\ncase "x" {}\n');
    expect(runCli(['check', 'a.prog'], { cwd: dir }).status).toBe(0);
    writeFileSync(join(dir, 'a.prog'), 'prog 1\nprogram a\nmodel "huge"\nprompt "Hi"\nverify true\ncase "x" {}\n');
    writeFileSync(
      join(dir, 'b.prog'),
      'prog 1\nprogram b\nmodel "fast"\ninput task: string\nsimulate user model "sim:lage" "You want {{ task }}."\nverify true\ncase "x" { task: "tea" }\n',
    );
    expect(runCli(['check', 'b.prog'], { cwd: dir }).stderr).toContain(
      'b.prog:5:15: error C001: unknown simulator profile `lage` in `sim:lage`',
    );
    const aliased = runCli(['check', 'a.prog'], { cwd: dir });
    expect(aliased.stderr).toContain(
      "error C001: unknown simulator profile `huge` in `sim:huge` (the config's alias for `sim:huge`)",
    );
  });

  it('exits 0 on valid programs', () => {
    const result = runCli(['check', 'examples/quickstart']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('3 program files checked, 0 diagnostics');
  });
});

describe('the package', () => {
  it('can be imported by its name after the build', () => {
    const result = spawnSync(
      process.execPath,
      ['-e', "import('informal').then(m => console.log(m.passAtK(10, 3, 2)))"],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(Number(result.stdout.trim())).toBeCloseTo(0.5333333333333333, 14);
  });
});
