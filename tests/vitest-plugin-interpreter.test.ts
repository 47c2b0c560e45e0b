import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot, runVitest, testsByName } from '../src/vitest/testing/run-vitest.js';
import { runCli } from './support/run-cli.js';
import { tempFolder } from './support/temp-folder.js';

/** A program of six cases: about 0.2 of pass@1 on sim:small, about 0.8 on sim:large. */
function program(name: string, model: string | undefined): string {
  return [
    'prog 1',
    `program ${name}`,
    ...(model ? [`model "${model}"`] : []),
    'input word: string',
    'prompt "Repeat {{ word }}."',
    'verify exact(expected)',
    ...Array.from({ length: 6 }, (_, index) => `case "c${index}" { word: "w${index}" } -> "w${index}"`),
    'sample 10 seed 1',
    'expect pass@1 >= 0.5',
  ].join('\n');
}

/** A project with the built plugin, a program that names its model and one that does not. */
function project(pluginOptions: string): string {
  const plugin = JSON.stringify(join(repoRoot, 'dist/vitest/index.js'));
  return tempFolder({
    'vitest.config.mjs': `import { informal } from ${plugin};\nexport default { plugins: [informal(${pluginOptions})] };\n`,
    'informal.config.mjs': "export default { defaultInterpreter: 'sim:large' };\n",
    'capitals.prog': program('capitals', 'sim:small'),
    'words.prog': program('words', undefined),
  });
}

const emptyReport = { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] };

describe("the plugin's interpreter option", () => {
  test("a program's `model` wins over the option, as in `informal test`, and the tests name the interpreter", () => {
    const folder = project("{ interpreter: 'sim:large', store: false }");
    const run = runVitest(folder);
    const tests = testsByName(run.report ?? emptyReport);
    expect([...tests].map(([name, result]) => `${name}: ${result.status}`).sort()).toEqual([
      'capitals [sim:small] > expect pass@1 >= 0.5: failed',
      'words [sim:large] > expect pass@1 >= 0.5: passed',
    ]);
    expect(tests.get('capitals [sim:small] > expect pass@1 >= 0.5')?.failureMessages[0]).toMatch(
      /^ExpectationFailure: expect pass@1 >= 0\.5 failed for capitals on sim:small: observed 0\.\d{3}/,
    );
    expect(run.status).toBe(1);

    // `informal test` in the same folder: the same interpreters, the same verdicts.
    const cli = runCli(['test', '--no-cache'], { cwd: folder });
    expect(cli.stdout).toMatch(/^✗ capitals capitals\.prog\n {2}6 cases × 10 samples on sim:small /m);
    expect(cli.stdout).toMatch(/^✓ words words\.prog\n {2}6 cases × 10 samples on sim:large /m);
    expect(cli.status).toBe(1);
  });

  test('several interpreters run each program without a `model` on each, side by side; a `model` keeps its own', () => {
    const folder = project("{ interpreter: ['sim:small', 'sim:large'], store: false }");
    const run = runVitest(folder);
    const tests = testsByName(run.report ?? emptyReport);
    expect([...tests].map(([name, result]) => `${name}: ${result.status}`).sort()).toEqual([
      'capitals [sim:small] > expect pass@1 >= 0.5: failed',
      'words [sim:large] > expect pass@1 >= 0.5: passed',
      'words [sim:small] > expect pass@1 >= 0.5: failed',
    ]);
    expect(tests.get('words [sim:small] > expect pass@1 >= 0.5')?.failureMessages[0]).toMatch(
      /failed for words on sim:small: observed/,
    );
  });
});
