import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';
import { type InformalPluginOptions, parsePluginOptions } from './informal-plugin-options.js';
import type { ProgramSuiteOptions } from './program-suite-options.js';
import { programWatchFiles } from './program-watch-files.js';

/** The module each `.prog` file becomes calls this one; imported by its absolute path, so any project finds it. */
const suiteModule = fileURLToPath(new URL('./define-program-suite.js', import.meta.url));
/** The module that registers the matchers. */
const matchersModule = fileURLToPath(new URL('./matchers.js', import.meta.url));

const defaultTimeoutMs = 10 * 60 * 1000;

/**
 * The vitest plugin: `.prog` files become test files. Each program is a `describe` per interpreter it runs on
 * (`capitals [sim:large]`: its `model`, else the `interpreter` option, else the config's `defaultInterpreter`, as
 * `informal test` chooses), each of its expectations a test that fails with the observed value, its interval and
 * the threshold; a program with errors fails with its diagnostics. Samples are kept in the store, so a second run reuses them.
 * With `informal.baseline.json`, each metric compared with it is a test that fails on a significant regression,
 * unless `baseline: false`. In watch mode, a change to any file a program reads re-runs its suite. Also registers
 * the matchers (`expect(run).toHavePassAtK(5, 0.8)`) unless `matchers: false`.
 *
 * ```ts
 * // vitest.config.ts
 * import { informal } from 'informal/vitest';
 * import { defineConfig } from 'vitest/config';
 * export default defineConfig({ plugins: [informal({ interpreter: 'sim:large' })] });
 * ```
 */
export function informal(options: InformalPluginOptions = {}): Plugin {
  const parsed = parsePluginOptions(options);
  const interpreters =
    parsed.interpreter === undefined
      ? []
      : Array.isArray(parsed.interpreter)
        ? parsed.interpreter
        : [parsed.interpreter];
  let root = process.cwd();
  return {
    name: 'informal',
    enforce: 'pre',
    async config(config) {
      const { defaultInclude } = await import('vitest/config');
      const programs = parsed.include ?? ['**/*.prog'];
      // Vite concatenates arrays when it merges a plugin's config: the user's own `include`, if any, is kept.
      const include = config.test?.include ? programs : [...defaultInclude, ...programs];
      return { test: { include, ...(parsed.matchers === false ? {} : { setupFiles: [matchersModule] }) } };
    },
    load(id) {
      if (id !== matchersModule) return undefined;
      // vitest runs setup files through vite, even from node_modules. The package ships its compiled files with
      // source maps but not the sources they name, and vite would warn about that on every run.
      return { code: readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null };
    },
    configResolved(config) {
      root = config.root;
    },
    async transform(_code, id) {
      const file = id.split('?')[0] as string;
      if (!file.endsWith('.prog')) return undefined;
      const baseline = parsed.baseline ?? true;
      // vitest re-runs a test file when a module it imports changes. What a program reads is no import, so each
      // such file is made one: vite puts it in the module graph under the suite, and watches it.
      const watched = await programWatchFiles(file, {
        root,
        baseline,
        ...(parsed.config !== undefined ? { config: parsed.config } : {}),
      });
      for (const dependency of watched) this.addWatchFile(dependency);
      const suiteOptions: ProgramSuiteOptions = {
        root,
        interpreters,
        baseline,
        timeout: parsed.timeout ?? defaultTimeoutMs,
        ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
        ...(parsed.store !== undefined ? { store: parsed.store } : {}),
        ...(parsed.concurrency !== undefined ? { concurrency: parsed.concurrency } : {}),
        ...(parsed.config !== undefined ? { config: parsed.config } : {}),
      };
      const code = [
        `import { defineProgramSuite } from ${JSON.stringify(suiteModule)};`,
        `await defineProgramSuite(${JSON.stringify(relative(root, file))}, ${JSON.stringify(suiteOptions)});`,
        '',
      ].join('\n');
      return { code, map: { mappings: '' } };
    },
  };
}
