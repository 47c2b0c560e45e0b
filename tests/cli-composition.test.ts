import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

function freshStore(): string {
  return join(mkdtempSync(join(tmpdir(), 'informal-store-')), 'store.sqlite');
}

interface JsonReport {
  readonly programs: readonly { readonly name: string; readonly cacheHits: number; readonly planned: number }[];
}

describe('the composition example', () => {
  it('passes on the simulator: imports, steps, a case file and a module verifier', () => {
    const result = runCli(['test', 'examples/composition', '--store', freshStore()]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('✓ triage examples/composition/triage.prog');
    expect(result.stdout).toContain('✓ extract_facts examples/composition/facts.prog');
    expect(result.stdout).toContain('7 cases × 12 samples');
  });

  it('draws every step once: a second run takes all of them from the store', () => {
    const store = freshStore();
    const run = () => {
      const result = runCli(['test', 'examples/composition/triage.prog', '--store', store, '--reporter', 'json']);
      expect(result.status).toBe(0);
      return (JSON.parse(result.stdout) as JsonReport).programs[0];
    };
    const first = run();
    const second = run();
    expect(first?.cacheHits).toBe(0);
    expect(second?.cacheHits).toBe(84);
    expect(first?.planned).toBe(84);
  });

  it('is shown whole in the README, so the README cannot drift from it', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const example = readFileSync(join(repoRoot, 'examples/composition/triage.prog'), 'utf8');
    expect(readme).toContain(`\`\`\`\n${example}\`\`\``);
  });

  it('checks cleanly', () => {
    const result = runCli(['check', 'examples/composition']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('2 program files checked, 0 diagnostics (0 errors, 0 warnings)\n');
    expect(result.status).toBe(0);
  });
});

describe('informal check', () => {
  it('prints every diagnostic of every file, and exits 2', () => {
    const folder = tempFolder({
      'a.prog':
        'prog 1\nprogram a\ninput x: string\nprompt "{{ y }}"\nverify exat(expected)\ncase "c" { x: "1" } -> "1"\n',
      'b.prog': 'prog 1\nprogram b\nverfy exact(expected)\n',
      'c.prog':
        'prog 1\nimport { a } from "./nowhere.prog"\nprogram c\ninput x: string\nstep s = a(x)\nverify exact(expected)\ncase "c" { x: "1" } -> "1"\n',
    });
    const result = runCli(['check', '.'], { cwd: folder });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('a.prog:4:9: error R001: unknown input `y` in the prompt');
    expect(result.stderr).toContain('a.prog:5:8: error R011: unknown verifier `exat`');
    expect(result.stderr).toContain('= hint: did you mean `exact`?');
    expect(result.stderr).toContain('b.prog:3:1: error P001');
    expect(result.stderr).toContain('= hint: did you mean `verify`?');
    expect(result.stderr).toContain('c.prog:2:19: error R030: cannot import "./nowhere.prog": no such file');
    expect(result.stdout).toBe('3 program files checked, 4 diagnostics (4 errors, 0 warnings)\n');
  });

  it('prints warnings but exits 0 when there are no errors', () => {
    const folder = tempFolder({
      'w.prog':
        'prog 1\nprogram w\ninput x: string\nprompt "{{ x }}"\nverify 0.5 * exact(expected) + 0.4 * contains(x)\ncase "c" { x: "1" } -> "1"\n',
    });
    const result = runCli(['check', 'w.prog'], { cwd: folder });
    expect(result.stderr).toContain(
      'w.prog:5:8: warning W001: the weights of this sum add up to 0.9, less than 1: no answer can score 1',
    );
    expect(result.stdout).toBe('1 program file checked, 1 diagnostic (0 errors, 1 warning)\n');
    expect(result.status).toBe(0);
  });
});
