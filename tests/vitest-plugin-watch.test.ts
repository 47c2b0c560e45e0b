import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { informal } from '../src/vitest/informal-plugin.js';
import { repoRoot } from '../src/vitest/testing/run-vitest.js';
import { watchVitest } from '../src/vitest/testing/watch-vitest.js';
import { tempFolder } from './support/temp-folder.js';

type TransformHook = (this: { addWatchFile(file: string): void }, code: string, id: string) => Promise<unknown>;

/** Transforms `file` as vite does in `root`, and returns what the plugin asked vite to watch, and its code. */
async function transformed(options: Parameters<typeof informal>[0], root: string, file: string) {
  const plugin = informal(options);
  (plugin.configResolved as (config: { root: string }) => void)({ root });
  const watched: string[] = [];
  const result = (await (plugin.transform as TransformHook).call(
    { addWatchFile: (path) => watched.push(path) },
    '',
    join(root, file),
  )) as { code: string };
  return { watched: watched.sort(), code: result.code };
}

const keywordsModule = join(repoRoot, 'verifiers/keywords.ts');

/** A program that reads a file of every kind a program reads, and an imported program that reads one more. */
const programFiles = {
  'main.prog': [
    'prog 1',
    'import { extract_facts } from "./facts.prog"',
    `import { keyword_coverage } from ${JSON.stringify(keywordsModule)}`,
    'program triage',
    'input ticket: string',
    'step facts = extract_facts(ticket)',
    'step urgency = from "./urgency.md"',
    'verify keyword_coverage(output, ["high"])',
    'cases from "./tickets.jsonl"',
    'cases from "./later.jsonl"',
    'sample 2 seed 1',
  ].join('\n'),
  'facts.prog': [
    'prog 1',
    'program extract_facts',
    'input ticket: string',
    'prompt from "./facts.md"',
    'verify exact(expected)',
    'case "c0" { ticket: "t" } -> "t"',
  ].join('\n'),
  'facts.md': 'List the facts of {{ ticket }}\n',
  'urgency.md': 'Rate the urgency of {{ facts }}\n',
  'tickets.jsonl': '{"id":"a","ticket":"down since 9am","expected":"high"}\n',
  'informal.config.mjs': "export default { defaultInterpreter: 'sim:large' };\n",
};

describe('the informal vitest plugin in watch mode', () => {
  test('the transform registers every file the program reads, the config and the baseline as watched imports of the suite', async () => {
    const folder = tempFolder(programFiles);
    const { watched, code } = await transformed({ store: false }, folder, 'main.prog');
    expect(watched).toEqual(
      [
        // The imported program, and the prompt file it reads in turn.
        'facts.prog',
        'facts.md',
        // The verifier module, by its own path.
        keywordsModule,
        // `step … = from`, and both `cases from` files: one that is missing yet, whose creation re-runs the suite.
        'urgency.md',
        'tickets.jsonl',
        'later.jsonl',
        'informal.config.mjs',
        'informal.baseline.json',
      ]
        .map((path) => (path.startsWith('/') ? path : join(folder, path)))
        .sort(),
    );
    expect(code).toContain('await defineProgramSuite("main.prog", ');

    // Without the baseline, its file is not watched; an imported program lists its own files alone.
    const imported = await transformed({ baseline: false }, folder, 'facts.prog');
    expect(imported.watched).toEqual([join(folder, 'facts.md'), join(folder, 'informal.config.mjs')]);
    // Only `.prog` files are the plugin's: other modules are left to vite, and nothing is watched for them.
    const plugin = informal();
    const other = await (plugin.transform as TransformHook).call(
      { addWatchFile: () => expect.unreachable('a module that is not a program registers nothing') },
      '',
      join(folder, 'helper.ts'),
    );
    expect(other).toBeUndefined();
  });

  test('`vitest --watch` re-runs a suite when its `cases from` file changes, and the new case is sampled', async () => {
    const folder = tempFolder({
      'vitest.config.mjs': [
        `import { informal } from ${JSON.stringify(join(repoRoot, 'dist/vitest/index.js'))};`,
        // Says when vite's file watcher has looked at every file: a change before that may go unseen.
        "const watcherReady = { name: 'watcher-ready', configureServer(server) { server.watcher.on('ready', () => console.log('the file watcher is ready')); } };",
        "export default { plugins: [watcherReady, informal({ interpreter: 'sim:small', store: false })] };",
        '',
      ].join('\n'),
      'words.prog': [
        'prog 1',
        'program words',
        'input word: string',
        'prompt "Repeat {{ word }}."',
        'verify exact(expected)',
        'cases from "./words.jsonl"',
        'sample 4 seed 1',
        // Fails on the small simulator, so that the failure lists every case.
        'expect pass@1 >= 0.99',
      ].join('\n'),
      'words.jsonl': [
        '{"id":"first","word":"alpha","expected":"alpha"}',
        '{"id":"second","word":"beta","expected":"beta"}',
        '',
      ].join('\n'),
    });
    const vitest = watchVitest(folder);
    try {
      const idle = /Watching for file changes/;
      // A loaded machine may take long to start vitest and sample: wait for what it writes, not for a fixed time.
      // The time limits only bound a wait that would never end.
      const first = await vitest.waitFor(idle, 0, 120_000);
      expect(first).toContain('over 2 cases');
      expect(first).toMatch(/"first"\s+\d\/4/);
      expect(first).not.toContain('"third"');
      await vitest.waitFor(/the file watcher is ready/, 0, 120_000);

      const mark = vitest.output().length;
      appendFileSync(join(folder, 'words.jsonl'), '{"id":"third","word":"gamma","expected":"gamma"}\n');
      // The run that this change started, and not any other.
      const rerun = await vitest.waitFor(/RERUN\s+words\.jsonl[\s\S]*Watching for file changes/, mark, 120_000);
      expect(rerun).toContain('FAIL  words.prog > words [sim:small] > expect pass@1 >= 0.99');
      expect(rerun).toContain('over 3 cases');
      expect(rerun).toMatch(/"third"\s+\d\/4/);
    } finally {
      await vitest.stop();
    }
  });
});
