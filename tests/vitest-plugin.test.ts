import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { informal } from '../src/vitest/informal-plugin.js';
import { InformalPluginOptionsError } from '../src/vitest/informal-plugin-options.js';
import { runProgramFile } from '../src/vitest/run-program-file.js';
import { repoRoot, runVitest, testsByName } from '../src/vitest/testing/run-vitest.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/** A project outside the repository: it imports the built plugin by its path, as `informal/vitest` resolves to it. */
function project(pluginOptions: string, files: Record<string, string>): string {
  const plugin = JSON.stringify(join(repoRoot, 'dist/vitest/index.js'));
  return tempFolder({
    'vitest.config.mjs': `import { informal } from ${plugin};\nexport default { plugins: [informal(${pluginOptions})] };\n`,
    ...files,
  });
}

// Stack frames, as Node writes them (`at …`) and as vitest prints them (`❯ …`): a user's mistake never shows one.
const stackFrame = /^\s+(at|❯) .*(node_modules|node:internal|dist\/|\.[cm]?[jt]s:\d+)/m;

describe('the informal vitest plugin', () => {
  test('a failed expectation fails its test (exit 1) with the observed value, interval, threshold and cases; a program with errors shows its diagnostic', () => {
    const folder = project("{ interpreter: 'sim:small', store: false }", {
      'hard.prog': generatedProgram('hard', 4, 10, 'expect pass@1 >= 0.95\nexpect pass@10 >= 0.05'),
      'broken.prog': [
        'prog 1',
        'program broken',
        'input word: string',
        'prompt "Repeat {{ wrod }}."',
        'verify exact(expected)',
        'case "c0" { word: "w0" } -> "w0"',
      ].join('\n'),
      'syntax.prog': 'prog 1\nprogram syntax\nsample ten\n',
    });
    const run = runVitest(folder);
    expect(run.status).toBe(1);
    const tests = testsByName(run.report ?? { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] });

    const failed = tests.get('hard [sim:small] > expect pass@1 >= 0.95');
    expect(failed?.status).toBe('failed');
    const message = failed?.failureMessages[0] ?? '';
    expect(message).toMatch(
      /^ExpectationFailure: expect pass@1 >= 0\.95 failed for hard on sim:small: observed 0\.\d{3}, threshold 0\.95/,
    );
    expect(message).toMatch(
      /95% interval \d\.\d{3}–\d\.\d{3} over 4 cases; the whole interval lies below the threshold/,
    );
    expect(message).toContain('at hard.prog:11:1');
    expect(message).toMatch(
      /cases, worst first \(successes\/scored samples, pass@1, 95% interval\):\n\s+"c\d"\s+\d+\/10\s+0\.\d{3} {2}\[0\.\d{3}, [01]\.\d{3}\]/,
    );
    expect(message).not.toMatch(stackFrame);
    expect(tests.get('hard [sim:small] > expect pass@10 >= 0.05')?.status).toBe('passed');

    // The console shows the same message, and the expect line of the program under it.
    const console = `${run.stdout}\n${run.stderr}`;
    expect(console).toContain('FAIL  hard.prog > hard [sim:small] > expect pass@1 >= 0.95');
    expect(console).toMatch(/11\| expect pass@1 >= 0\.95\n\s+\| \^/);

    // A program with errors is one failing test, `compiles`, whose message is the rendered diagnostics.
    const compileMessage = (file: string) => {
      const results = run.report?.testResults.find((result) => result.name === join(folder, file));
      expect(results?.assertionResults.map((assertion) => `${assertion.title} ${assertion.status}`)).toEqual([
        'compiles failed',
      ]);
      return results?.assertionResults[0]?.failureMessages[0];
    };
    expect(compileMessage('broken.prog')).toBe(
      [
        'ProgramFileError: broken.prog has errors:',
        '',
        'broken.prog:4:16: error R001: unknown input `wrod` in the prompt',
        '  |',
        '4 | prompt "Repeat {{ wrod }}."',
        '  |                ^^^^^^^^^^',
        '  = hint: did you mean `word`?',
      ].join('\n'),
    );
    expect(compileMessage('syntax.prog')).toMatch(
      /^ProgramFileError: syntax\.prog has errors:\n\nsyntax\.prog:3:8: error P\d{3}: .+\n {2}\|\n3 \| sample ten\n {2}\| {8}\^/,
    );
    expect(console).toContain('FAIL  syntax.prog > compiles');
    expect(console).not.toMatch(stackFrame);
  });

  test("an expectation on one case is its own test in the case's describe, and fails with that case's value alone", async () => {
    const folder = project("{ interpreter: 'sim:small', store: false }", {
      'percase.prog': [
        'prog 1',
        'program percase',
        'input word: string',
        'prompt "Repeat {{ word }}."',
        'verify exact(expected)',
        'case "c0" { word: "w0" } -> "w0" expect pass@1 >= 0.5',
        'case "c1" { word: "w1" } -> "w1" expect pass@1 >= 0.99',
        'case "c2" { word: "w2" } -> "w2" expect pass@10 >= 0.05',
        'sample 10 seed 1',
        'expect pass@1 >= 0.05',
      ].join('\n'),
    });
    const run = runVitest(folder);
    expect(run.status).toBe(1);
    const tests = testsByName(run.report ?? { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] });
    expect(Object.fromEntries([...tests].map(([name, assertion]) => [name, assertion.status]))).toEqual({
      'percase [sim:small] > expect pass@1 >= 0.05': 'passed',
      'percase [sim:small] > case "c0" > expect pass@1 >= 0.5': 'passed',
      'percase [sim:small] > case "c1" > expect pass@1 >= 0.99': 'failed',
      'percase [sim:small] > case "c2" > expect pass@10 >= 0.05': 'failed',
    });

    // The same program run here, with the same seed: the plugin's values are the runner's, each over its case.
    const summary = await runProgramFile('percase.prog', { cwd: folder, interpreter: 'sim:small', store: false });
    const c1 = summary.cases.find((outcomes) => outcomes.caseId === 'c1');
    const [, , onC1, onC2] = summary.expectations;
    if (!c1 || !onC1?.observed.defined || !onC1.observed.interval || !onC2?.significance) {
      throw new Error('the run holds both expectations on one case, with intervals');
    }
    expect(onC1.observed.value).toBe(c1.c / c1.n);
    // Not the suite's pass@1: the value over case "c1" alone.
    expect(onC1.observed.value).not.toBe(summary.metrics[0]?.value.defined && summary.metrics[0].value.value);
    const { lower, upper } = onC1.observed.interval;
    const message = tests.get('percase [sim:small] > case "c1" > expect pass@1 >= 0.99')?.failureMessages[0] ?? '';
    expect(message.split('\n')).toEqual([
      `ExpectationFailure: expect pass@1 >= 0.99 on case "c1" failed for percase on sim:small: observed ${(c1.c / c1.n).toFixed(3)}, threshold 0.99`,
      `  95% interval ${lower.toFixed(3)}–${upper.toFixed(3)} over 10 samples of case "c1"; the whole interval lies below the threshold: the shortfall is beyond the noise`,
      '  at percase.prog:7:34',
      '  the case (successes/scored samples, pass@1, 95% interval):',
      `    "c1"  ${c1.c}/10  ${(c1.c / c1.n).toFixed(3)}  [${lower.toFixed(3)}, ${upper.toFixed(3)}]`,
    ]);
    // An uncertain failure says how many samples per case would decide it, as the runner planned them.
    expect(onC2.significance.verdict).toBe('uncertain');
    expect(tests.get('percase [sim:small] > case "c2" > expect pass@10 >= 0.05')?.failureMessages[0]).toContain(
      `over 10 samples of case "c2"; the interval reaches the threshold: the shortfall could be noise; about ${onC2.significance.samplesPerCase} samples per case would decide it`,
    );
  });

  test('several interpreters give one describe each; a program without expectations runs as one test; `include` chooses the files; samples are stored', () => {
    const folder = project("{ interpreter: ['sim:medium', 'sim:large'], seed: 5, include: ['[ep]*.prog'] }", {
      'easy.prog': generatedProgram('easy', 3, 8, 'expect pass@8 >= 0.3'),
      'plain.prog': generatedProgram('plain', 2, 4),
      // Outside `include`: not a test file, so its error fails nothing.
      'draft.prog': 'prog 1\nprogram draft\nsample ten\n',
    });
    const first = runVitest(folder);
    expect(first.status).toBe(0);
    const tests = testsByName(first.report ?? { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] });
    expect([...tests.keys()].sort()).toEqual([
      'easy [sim:large] > expect pass@8 >= 0.3',
      'easy [sim:medium] > expect pass@8 >= 0.3',
      'plain [sim:large] > runs (no expectations)',
      'plain [sim:medium] > runs (no expectations)',
    ]);
    expect([...tests.values()].every((assertion) => assertion.status === 'passed')).toBe(true);
    // Each program's pass on each interpreter is a run in the default store, which later runs read samples from.
    const store = new SqliteStore(join(folder, '.informal/store.sqlite'));
    try {
      const runs = store.listRuns();
      expect(runs).toHaveLength(4);
      const programRuns = runs.flatMap((run) => store.programRuns(run.id));
      expect(programRuns.map((run) => `${run.programName} ${run.interpreterId} ${run.baseSeed}`).sort()).toEqual([
        'easy sim:large 5',
        'easy sim:medium 5',
        'plain sim:large 5',
        'plain sim:medium 5',
      ]);
    } finally {
      store.close();
    }
  });

  test('installed in node_modules, as users get it, the plugin (with a config file) and the matchers work, and vitest warns of nothing', () => {
    const folder = tempFolder({
      'package.json': '{ "name": "user-project", "type": "module", "private": true }\n',
      'vitest.config.mjs':
        "import { informal } from 'informal/vitest';\nexport default { plugins: [informal({ config: 'custom.config.mjs' })] };\n",
      // Only the perfect simulator meets `pass@1 >= 0.99`: the config's alias must have been used.
      'custom.config.mjs': "export default { defaultInterpreter: 'best', interpreters: { best: 'sim:perfect' } };\n",
      'words.prog': generatedProgram('words', 2, 6, 'expect pass@1 >= 0.99'),
      'words.test.mjs': [
        "import { runProgramFile } from 'informal/vitest';",
        "import { expect, test } from 'vitest';",
        "test('words', async () => {",
        "  const run = await runProgramFile('words.prog', { interpreter: 'sim:large' });",
        '  expect(run).toHavePassAtK(6, 0.2);',
        '});',
      ].join('\n'),
    });
    // The package as npm installs it (its `files`), beside its dependencies.
    const modules = join(folder, 'node_modules');
    mkdirSync(join(modules, 'informal'), { recursive: true });
    for (const entry of ['package.json', 'bin', 'dist']) {
      cpSync(join(repoRoot, entry), join(modules, 'informal', entry), { recursive: true });
    }
    for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
      symlinkSync(join(repoRoot, 'node_modules', entry), join(modules, entry));
    }
    const run = runVitest(folder);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const tests = testsByName(run.report ?? { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] });
    expect([...tests.keys()].sort()).toEqual(['words', 'words [best] > expect pass@1 >= 0.99']);
  });

  test('options it cannot use are refused with the option, the fix and the allowed options', () => {
    expect(() => informal({ sed: 3 } as never)).toThrow(InformalPluginOptionsError);
    expect(() => informal({ sed: 3 } as never)).toThrow(
      /`sed` is not an option; did you mean `seed`\? \(allowed: interpreter, seed, store, concurrency, config, include, matchers, timeout, baseline\)/,
    );
    expect(() => informal({ concurrency: 0 })).toThrow(/`concurrency`: Too small/);
    expect(() => informal({ interpreter: [] })).toThrow(/`interpreter`: Too small: expected array to have >=1 items/);
    expect(() => informal({ interpreter: 3 } as never)).toThrow(
      "`interpreter`: expected an interpreter id such as 'sim:large', or a non-empty array of them",
    );
    // vitest prints it when it loads the config: the message, no frames.
    const error = (() => {
      try {
        informal({ store: true } as never);
      } catch (thrown) {
        return thrown as InformalPluginOptionsError;
      }
    })();
    expect(error?.problems).toEqual(["`store`: expected a path such as '.informal/store.sqlite', or false"]);
    expect(error?.stack).toBe(`InformalPluginOptionsError: ${error?.message}`);
  });
});
