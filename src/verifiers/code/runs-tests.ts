import { z } from 'zod';
import { type Score, scored } from '../../contracts/score.js';
import { valueToText } from '../../lang/render-template.js';
import { defineBuiltin } from '../builtin-verifier.js';
import type { SandboxOutcome } from './code-sandbox.js';
import { sandboxFor } from './code-sandboxes.js';

const runsTestsOptions = z.strictObject({
  /** The language of the code: `javascript` (default, run by QuickJS in WebAssembly) or `python`. */
  language: z.enum(['javascript', 'python']).optional(),
  /** Wall-time limit for the whole run, in milliseconds. Default 5000. */
  timeout_ms: z.number().int().min(100).max(600_000).optional(),
  /** Memory limit in MB: QuickJS's WebAssembly memory for JavaScript (at most 2 GB), the address space for Python. Default 256. */
  memory_mb: z.number().int().min(32).max(16_384).optional(),
  /** Take the code from the first Markdown code fence when the text has one. Default true. */
  extract: z.boolean().optional(),
});

/** The code of the first fenced block (```js … ```), or the whole text when it has none. */
export function extractCode(text: string): string {
  const fenced = /```[\w+-]*[ \t]*\r?\n([\s\S]*?)```/.exec(text);
  return fenced ? (fenced[1] as string) : text;
}

/** The longest message from inside a sandbox an explanation quotes. */
const messageLimit = 300;

/** Text from inside a sandbox as an explanation quotes it: one line, cut short. Never read for meaning. */
function quote(text: string): string {
  const line = text.replace(/\p{Cc}+/gu, ' ');
  return line.length > messageLimit ? `${line.slice(0, messageLimit)}…` : line;
}

/** The explanation of an outcome: the first failures, then why the run stopped. */
function explain(outcome: SandboxOutcome, testCount: number): string {
  const failures = outcome.verdicts.filter((verdict) => !verdict.passed);
  const reasons = failures
    .slice(0, 3)
    .map((verdict) => `test ${verdict.index + 1} failed: ${quote(verdict.message ?? 'no reason given')}`);
  if (failures.length > 3) reasons.push(`${failures.length - 3} more failed`);
  if (outcome.kind === 'stopped') {
    const reason = quote(outcome.reason);
    reasons.push(outcome.verdicts.length === 0 ? reason : `${reason} at test ${outcome.verdicts.length + 1}`);
  }
  const passed = outcome.verdicts.filter((verdict) => verdict.passed).length;
  return reasons.length > 0 ? reasons.join('; ') : `${passed} of ${testCount} tests passed`;
}

/**
 * `runs_tests(value, tests, { language, timeout_ms, memory_mb, extract })`: runs the code in the value (the first
 * fenced block, or all of it) in the language's sandbox (see `sandboxFor`), then each test in the same scope, and
 * scores the fraction of tests that pass. `tests` is one test (a string) or a list; a JavaScript test fails when
 * it throws or evaluates to `false` (`assert` is in scope), a Python test when it raises. Code that fails to run,
 * loops, exhausts its memory or crashes scores 0 with the reason; a test that hangs fails with the ones after it.
 * The explanation quotes messages from the sandbox as data: one line, cut short.
 */
export const runsTests = defineBuiltin({
  name: 'runs_tests',
  summary: 'the code in the value passes the tests, run in a sandbox (fraction passed)',
  parameters: [
    { name: 'value', type: 'code, as text' },
    {
      name: 'tests',
      type: 'a test or a list of tests, as code',
      schema: z.union([z.string(), z.array(z.string()).min(1)]),
      absent: 'expected',
    },
  ],
  options: runsTestsOptions,
  async score([value, testsValue], options): Promise<Score> {
    const language = options.language ?? 'javascript';
    const timeoutMs = options.timeout_ms ?? 5000;
    const memoryMb = options.memory_mb ?? 256;
    const tests = typeof testsValue === 'string' ? [testsValue] : (testsValue as string[]);
    const text = valueToText(value);
    const code = options.extract === false ? text : extractCode(text);
    const outcome = await sandboxFor(language).run(code, tests, { timeoutMs, memoryMb });
    const passed = new Set(outcome.verdicts.filter((verdict) => verdict.passed).map((verdict) => verdict.index));
    return scored(passed.size / tests.length, { explanation: explain(outcome, tests.length) });
  },
});
