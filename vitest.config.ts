import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // examples/vitest is a project of its own, run by its own vitest (tests/vitest-example.test.ts does).
    exclude: [...configDefaults.exclude, 'examples/**'],
    globalSetup: ['./tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
    testTimeout: 30_000,
  },
});
