import { randomUUID } from 'node:crypto';
import type { CodeSandbox, SandboxLimits, SandboxOutcome, TestVerdict } from './code-sandbox.js';
import { pythonHarness } from './python-harness.js';
import { runSandboxed, type SandboxResult } from './run-sandboxed.js';

/** What runtimes say when they reach the memory limit. */
const memoryPattern = /MemoryError|Cannot allocate memory/;

/** One line of the harness: a test's verdict, or (index -1) the code's failure. */
interface HarnessLine {
  readonly index: number;
  readonly passed: boolean;
  readonly message?: string;
}

function readLines(stdout: string, marker: string): HarnessLine[] {
  const lines: HarnessLine[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(marker)) continue;
    try {
      lines.push(JSON.parse(line.slice(marker.length)) as HarnessLine);
    } catch {
      // A line cut by the output limit.
    }
  }
  return lines;
}

/** Why the process ended without reporting every test, in words. */
function endReason(result: SandboxResult, limits: SandboxLimits): string {
  if (result.timedOut) return `timed out after ${limits.timeoutMs} ms`;
  const stderr = result.stderr;
  if (memoryPattern.test(stderr)) return `ran out of memory (limit ${limits.memoryMb} MB)`;
  if (result.exitCode === 127 || /ENOENT/.test(stderr)) return 'python3 is not installed';
  const lastLine = stderr.trim().split('\n').at(-1);
  if (result.signal) return `killed by ${result.signal}${lastLine ? `: ${lastLine}` : ''}`;
  return `exited with code ${result.exitCode}${lastLine ? `: ${lastLine}` : ''}`;
}

/**
 * Runs Python in a child process (`python3 -I`, see `runSandboxed` and the harness's audit hook). A guard against
 * accidents rather than a boundary: the harness writes its verdicts to the same stdout as the code, behind a
 * per-run marker that code inside the process can find, so a determined program can forge them.
 */
export function createPythonProcessSandbox(): CodeSandbox {
  return {
    language: 'python',
    async run(code: string, tests: readonly string[], limits: SandboxLimits): Promise<SandboxOutcome> {
      const marker = `@@informal-${randomUUID()}@@`;
      const result = await runSandboxed({
        language: 'python',
        files: { 'solution.py': code, 'tests.json': JSON.stringify(tests), 'harness.py': pythonHarness },
        entry: 'harness.py',
        args: [marker, String((limits.memoryMb + 64) * 1024 * 1024)],
        timeoutMs: limits.timeoutMs,
        memoryMb: limits.memoryMb,
      });
      const lines = readLines(result.stdout, marker);
      const failed = lines.find((line) => line.index === -1);
      if (failed) {
        const message = failed.message ?? 'the code failed';
        const reason = memoryPattern.test(message) ? `${message} (memory limit ${limits.memoryMb} MB)` : message;
        return { kind: 'stopped', reason, verdicts: [] };
      }
      const verdicts: TestVerdict[] = lines
        .filter((line) => Number.isInteger(line.index) && line.index >= 0 && line.index < tests.length)
        .map((line) => ({ index: line.index, passed: line.passed === true, message: line.message }));
      if (verdicts.length < tests.length) return { kind: 'stopped', reason: endReason(result, limits), verdicts };
      return { kind: 'finished', verdicts };
    },
  };
}
