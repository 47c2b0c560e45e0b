import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot, runVitest, testsByName } from '../src/vitest/testing/run-vitest.js';
import { runCli } from './support/run-cli.js';
import { generatedProgram, tempFolder } from './support/temp-folder.js';

/** The config: every program runs on `model`, an alias, so that the baseline and later runs name it alike. */
const configOn = (interpreter: string) =>
  `export default { defaultInterpreter: 'model', interpreters: { model: '${interpreter}' } };\n`;

const noReport = { success: false, numTotalTests: 0, numFailedTests: 0, testResults: [] };

describe('the informal vitest plugin and the baseline', () => {
  test('a metric that regressed against informal.baseline.json fails its test, in the words of `informal test`; `baseline: false` ignores the file', () => {
    const plugin = JSON.stringify(join(repoRoot, 'dist/vitest/index.js'));
    const folder = tempFolder({
      'vitest.config.mjs': `import { informal } from ${plugin};\nexport default { plugins: [informal({ store: false })] };\n`,
      'quiet.config.mjs': `import { informal } from ${plugin};\nexport default { plugins: [informal({ store: false, baseline: false })] };\n`,
      'informal.config.mjs': configOn('sim:perfect'),
      // max@k needs every score, which a baseline does not keep: it gets no baseline test.
      'words.prog': generatedProgram('words', 8, 10, 'expect pass@4 >= 0.1\nexpect max@2 >= 0.1'),
      // One case: a paired comparison needs two, so its test is skipped with the reason.
      'single.prog': generatedProgram('single', 1, 4),
    });
    const written = runCli(['test', '--update-baseline'], { cwd: folder });
    expect(written.status, written.stderr).toBe(0);
    expect(existsSync(join(folder, 'informal.baseline.json'))).toBe(true);

    // The same alias now names a weaker model.
    writeFileSync(join(folder, 'informal.config.mjs'), configOn('sim:small'));
    const cli = runCli(['test'], { cwd: folder });
    expect(cli.status).toBe(1);
    const cliChanges = cli.stdout.split('\n').filter((line) => line.trimStart().startsWith('↓ '));
    expect(cliChanges).toHaveLength(2);

    const run = runVitest(folder);
    expect(run.status).toBe(1);
    const tests = testsByName(run.report ?? noReport);
    expect(Object.fromEntries([...tests].map(([name, assertion]) => [name, assertion.status]))).toEqual({
      'words [model] > expect pass@4 >= 0.1': 'passed',
      'words [model] > expect max@2 >= 0.1': 'passed',
      'words [model] > pass@1 against the baseline': 'failed',
      'words [model] > pass@4 against the baseline': 'failed',
      'single [model] > pass@1 against the baseline': 'skipped',
      'single [model] > runs (no expectations)': 'passed',
    });
    for (const [index, metric] of ['pass@1', 'pass@4'].entries()) {
      const message = tests.get(`words [model] > ${metric} against the baseline`)?.failureMessages[0] ?? '';
      // The change line is the one `informal test` prints, word for word.
      expect(message.split('\n')).toEqual([
        `BaselineRegression: ${metric} of words on sim:small: significant regression against the baseline`,
        `  ${cliChanges[index]?.trim()}`,
        '  hint: when the change is intended, rewrite the baseline with `informal test --update-baseline`',
      ]);
    }
    expect(cliChanges[0]).toMatch(
      /↓ pass@1 1\.000 → 0\.\d{3} \(−0\.\d{3} \[−\d\.\d{3}, −0\.\d{3}\], p [<=] 0\.\d{3}\)/,
    );

    const quiet = runVitest(folder, { args: ['--config', 'quiet.config.mjs'] });
    expect(quiet.status).toBe(0);
    expect([...testsByName(quiet.report ?? noReport).keys()].sort()).toEqual([
      'single [model] > runs (no expectations)',
      'words [model] > expect max@2 >= 0.1',
      'words [model] > expect pass@4 >= 0.1',
    ]);
  });

  test('a baseline file that cannot be read fails every test of the program with the reason and the fix', () => {
    const folder = tempFolder({
      'vitest.config.mjs': `import { informal } from ${JSON.stringify(join(repoRoot, 'dist/vitest/index.js'))};\nexport default { plugins: [informal({ interpreter: 'sim:large', store: false })] };\n`,
      'words.prog': generatedProgram('words', 2, 4, 'expect pass@1 >= 0.1'),
      'informal.baseline.json': '{ "version": 1, "entries": [',
    });
    const run = runVitest(folder);
    expect(run.status).toBe(1);
    const failure = testsByName(run.report ?? noReport).get('words [sim:large] > expect pass@1 >= 0.1');
    expect(failure?.status).toBe('failed');
    expect(failure?.failureMessages[0]).toMatch(
      /^ProgramFileError: words\.prog could not run:\n\nerror: the baseline .*informal\.baseline\.json cannot be read: not JSON \(.+\)\n {2}hint: rewrite it with --update-baseline$/,
    );
  });
});
