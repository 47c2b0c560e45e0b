import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['./tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
    testTimeout: 30_000,
  },
});
