import { execFileSync } from 'node:child_process';

/** Builds dist/ once before the tests, so that end-to-end tests run the command exactly as users get it. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
