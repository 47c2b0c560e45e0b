import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { informal } from '../src/vitest/informal-plugin.js';
import { repoRoot, runVitest, testsByName } from '../src/vitest/testing/run-vitest.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/** The fenced blocks of docs/vitest.md's Setup section, as a user copies them. */
function setupBlocks(): { readonly install: string; readonly config: string } {
  const docs = readFileSync(join(repoRoot, 'docs/vitest.md'), 'utf8');
  const setup = docs.slice(docs.indexOf('## Setup'), docs.indexOf('\n## ', docs.indexOf('## Setup') + 1));
  const blocks = [...setup.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, text]) => ({ language, text }));
  const install = blocks.find((block) => block.language === 'sh')?.text?.trim();
  const config = blocks.find((block) => block.language === 'ts')?.text;
  if (!install || !config) throw new Error('docs/vitest.md: the Setup section lost its sh or ts block');
  return { install, config };
}

/**
 * A project made as a new user makes one: `npm init -y` (a CommonJS package), then `npm install` of the packed
 * tarball and vitest. No network in tests: the tarball is unpacked into node_modules/informal as npm would, and
 * every other package (vitest, and informal's dependencies) is linked from this repository's node_modules.
 */
function freshProject(files: Record<string, string>): string {
  const folder = tempFolder(files);
  execFileSync('npm', ['init', '-y'], { cwd: folder, stdio: 'ignore' });
  const packed = tempFolder();
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packed], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(output) as [{ filename: string }];
  const modules = join(folder, 'node_modules');
  mkdirSync(join(modules, 'informal'), { recursive: true });
  execFileSync('tar', ['-xzf', join(packed, filename), '-C', join(modules, 'informal'), '--strip-components=1']);
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry === 'informal' || entry === '.vite' || entry === '.vite-temp') continue;
    symlinkSync(join(repoRoot, 'node_modules', entry), join(modules, entry));
  }
  return folder;
}

const emptyReport = { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] };

describe('informal/vitest in a new npm project', () => {
  test('the Setup steps of docs/vitest.md work verbatim in a project made by `npm init -y`', () => {
    const { install, config } = setupBlocks();
    expect(install).toBe('npm install --save-dev informal vitest');
    const folder = freshProject({
      'vitest.config.ts': config,
      'words.prog': generatedProgram('words', 3, 4, 'expect pass@1 >= 0.5'),
    });
    // What `npm init -y` writes, and what makes vite load vitest.config.ts with `require`.
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).type ?? 'commonjs').toBe('commonjs');

    const run = runVitest(folder, { npx: true });
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/ESM only|Error/);
    expect(run.status).toBe(0);
    const tests = [...testsByName(run.report ?? emptyReport)];
    expect(tests.map(([name, result]) => `${name} ${result.status}`)).toEqual([
      'words [sim:large] > expect pass@1 >= 0.5 passed',
    ]);

    // The way the docs give to load the config as an ES module: the same tests, and no word of CommonJS.
    renameSync(join(folder, 'vitest.config.ts'), join(folder, 'vitest.config.mts'));
    const esm = runVitest(folder, { npx: true });
    expect(`${esm.stdout}\n${esm.stderr}`).not.toMatch(/CommonJS|require|Error/);
    expect(esm.status).toBe(0);
    expect([...testsByName(esm.report ?? emptyReport).keys()]).toEqual(['words [sim:large] > expect pass@1 >= 0.5']);
  });

  test('`require("informal/vitest")` gives the plugin with every hook of the ES module, and its option checks', async () => {
    const required = createRequire(join(repoRoot, 'package.json'))('informal/vitest') as {
      informal: (options?: unknown) => Record<string, unknown>;
    };
    const hooks = (plugin: object) => Object.keys(plugin).sort();
    const plugin = required.informal({ interpreter: 'sim:large' });
    expect(hooks(plugin)).toEqual(hooks(informal({ interpreter: 'sim:large' })));
    expect([plugin.name, plugin.enforce]).toEqual(['informal', 'pre']);
    // The options are checked by the plugin itself, at the first hook vite calls.
    const wrong = required.informal({ interpretr: 'sim' }).config as (config: object) => Promise<unknown>;
    await expect(wrong({})).rejects.toThrow(/`interpretr` is not an option; did you mean `interpreter`\?/);
  });
});
