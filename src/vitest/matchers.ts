// `import 'informal/vitest/matchers'` registers the matchers in vitest's `expect`. The plugin does it for every
// test file through `setupFiles`.
import { expect } from 'vitest';
import { programMatchers } from './program-matchers.js';

export type { ProgramMatchers } from './program-matchers.js';

expect.extend(programMatchers);
