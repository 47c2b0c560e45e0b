// informal/vitest for `require`: what a vitest config loaded as CommonJS gets. Vite bundles `vitest.config.ts` to
// CommonJS in a package without `"type": "module"` (the package `npm init` makes), and the bundle requires
// `informal/vitest`. It holds the plugin alone: test files are ES modules to vitest, and import the rest.

import type { Plugin } from 'vitest/config';
import type { InformalPluginOptions } from './informal-plugin-options.js';

/** The hooks of the plugin `informal-plugin.ts` makes (tests/vitest-package.test.ts checks that the list is whole). */
const hookNames = ['config', 'configResolved', 'load', 'transform'] as const;

/**
 * The vitest plugin, as `informal/vitest` exports it to ES modules: `.prog` files become test files. The plugin
 * itself is an ES module, imported when vite calls the first hook (`config`); each hook calls the plugin's own, so
 * the options, and the problems with them, are the same. `informal/vitest` imported by an ES module throws those
 * problems at once; required, it throws them from that first hook, before any test runs.
 */
function informal(options: InformalPluginOptions = {}): Plugin {
  let plugin: Promise<Plugin> | undefined;
  const delegate = (name: (typeof hookNames)[number]) =>
    async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      plugin ??= import('./informal-plugin.js').then((module) => module.informal(options));
      const hook: unknown = (await plugin)[name];
      return typeof hook === 'function' ? hook.apply(this, args) : undefined;
    };
  return {
    name: 'informal',
    enforce: 'pre',
    ...Object.fromEntries(hookNames.map((name) => [name, delegate(name)])),
  };
}

export = { informal };
