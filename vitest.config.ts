import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // examples/vitest is a project of its own, run by its own vitest (tests/vitest-example.test.ts does).
    exclude: [...configDefaults.exclude, 'examples/**'],
    globalSetup: ['./tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
    // Failure bounds only: every test waits for events or stored progress, never for time, so these limits decide
    // nothing but when a test that would never end is failed. They are sized for a loaded 2-core machine, where a
    // test that takes 4 s alone took 40 s; tests in tests/ set no limits of their own.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Two files at a time even on 2 cores (the default leaves one core to the main process): most test time is spent
    // waiting for child processes (the CLI, servers, browsers), not in the worker itself.
    maxWorkers: 2,
  },
});
