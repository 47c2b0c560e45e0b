import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Score, scored } from '../../contracts/score.js';
import { valueToText } from '../../lang/render-template.js';
import { defineBuiltin } from '../builtin-verifier.js';
import { javascriptHarness } from './javascript-harness.js';
import { pythonHarness } from './python-harness.js';
import { runSandboxed, type SandboxLanguage, type SandboxResult } from './run-sandboxed.js';

const runsTestsOptions = z.strictObject({
  /** The language of the code: `javascript` (default, run by this Node) or `python` (run by `python3`). */
  language: z.enum(['javascript', 'python']).optional(),
  /** Wall-time limit for the whole run, in milliseconds. Default 5000. */
  timeout_ms: z.number().int().min(100).max(600_000).optional(),
  /** Memory limit in MB: the V8 heap for JavaScript, the address space for Python. Default 256. */
  memory_mb: z.number().int().min(32).max(16_384).optional(),
  /** Take the code from the first Markdown code fence when the text has one. Default true. */
  extract: z.boolean().optional(),
});

/** The code of the first fenced block (```js … ```), or the whole text when it has none. */
export function extractCode(text: string): string {
  const fenced = /```[\w+-]*[ \t]*\r?\n([\s\S]*?)```/.exec(text);
  return fenced ? (fenced[1] as string) : text;
}

/** One line of the harness: a test's result, or (index -1) the solution's failure. */
interface TestLine {
  readonly index: number;
  readonly passed: boolean;
  readonly message?: string;
}

function readLines(stdout: string, marker: string): TestLine[] {
  const lines: TestLine[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(marker)) continue;
    try {
      lines.push(JSON.parse(line.slice(marker.length)) as TestLine);
    } catch {
      // A line cut by the output limit.
    }
  }
  return lines;
}

/** What runtimes say when they reach the memory limit. */
const memoryPattern = /heap out of memory|Array buffer allocation failed|MemoryError|Cannot allocate memory/i;

/** Why the process ended without reporting every test, in words. */
function endReason(result: SandboxResult, language: SandboxLanguage, timeoutMs: number, memoryMb: number): string {
  if (result.timedOut) return `timed out after ${timeoutMs} ms`;
  const stderr = result.stderr;
  if (memoryPattern.test(stderr)) {
    return `ran out of memory (limit ${memoryMb} MB)`;
  }
  if (result.exitCode === 127 || /ENOENT/.test(stderr)) {
    return language === 'python' ? 'python3 is not installed' : 'the runtime could not start';
  }
  const lastLine = stderr.trim().split('\n').at(-1);
  if (result.signal) return `killed by ${result.signal}${lastLine ? `: ${lastLine}` : ''}`;
  return `exited with code ${result.exitCode}${lastLine ? `: ${lastLine}` : ''}`;
}

/**
 * `runs_tests(value, tests, { language, timeout_ms, memory_mb, extract })`: runs the code in the value (the first
 * fenced block, or all of it) in a sandboxed child process, then each test in the same namespace, and scores the
 * fraction of tests that pass. `tests` is one test (a string) or a list; a JavaScript test fails when it throws or
 * evaluates to `false` (`assert` is in scope), a Python test when it raises. Code that fails to run, loops,
 * exhausts its memory or crashes scores 0 with the reason; a test that hangs fails with the ones after it.
 */
export const runsTests = defineBuiltin({
  name: 'runs_tests',
  summary: 'the code in the value passes the tests, run in a sandboxed child process (fraction passed)',
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
    const marker = `@@informal-${randomUUID()}@@`;
    const extension = language === 'python' ? 'py' : 'js';
    const result = await runSandboxed({
      language,
      files: {
        [`solution.${extension}`]: code,
        'tests.json': JSON.stringify(tests),
        [language === 'python' ? 'harness.py' : 'harness.cjs']:
          language === 'python' ? pythonHarness : javascriptHarness,
      },
      entry: language === 'python' ? 'harness.py' : 'harness.cjs',
      args: language === 'python' ? [marker, String((memoryMb + 64) * 1024 * 1024)] : [marker],
      timeoutMs,
      memoryMb,
    });
    const lines = readLines(result.stdout, marker);
    const failedToRun = lines.find((line) => line.index === -1);
    if (failedToRun) {
      const message = failedToRun.message ?? 'the code failed';
      return scored(0, {
        explanation: memoryPattern.test(message) ? `${message} (memory limit ${memoryMb} MB)` : message,
      });
    }
    const passed = lines.filter((line) => line.passed).length;
    const failures = lines.filter((line) => !line.passed);
    const reasons: string[] = failures
      .slice(0, 3)
      .map((line) => `test ${line.index + 1} failed: ${line.message ?? 'no reason given'}`);
    if (lines.length < tests.length) {
      const reason = endReason(result, language, timeoutMs, memoryMb);
      reasons.push(lines.length === 0 ? reason : `${reason} at test ${lines.length + 1}`);
    }
    return scored(passed / tests.length, {
      explanation: reasons.length > 0 ? reasons.join('; ') : `${passed} of ${tests.length} tests passed`,
    });
  },
});
