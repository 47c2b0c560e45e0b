import { afterAll, describe, expect, it } from 'vitest';
import { createPythonSandbox } from './python-sandbox.js';

const sandbox = createPythonSandbox({ processes: 1, executionsPerProcess: 4 });
const limits = { timeoutMs: 20_000, memoryMb: 64 };
const solution = 'def square(x):\n    return x * x\n';

afterAll(() => sandbox.close());

describe('createPythonSandbox', () => {
  it('queues runs beyond its processes and answers each with its own verdicts', async () => {
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => sandbox.run(solution, [`assert square(${n}) == ${n * n}`, 'assert False'], limits)),
    );
    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        kind: 'finished',
        verdicts: [
          { index: 0, passed: true },
          { index: 1, passed: false, message: 'AssertionError' },
        ],
      });
    }
  }, 300_000);

  it('reports the code’s own exception, a syntax error, and tests decided before a stop', async () => {
    expect(await sandbox.run('raise ValueError("bad input")', ['pass'], limits)).toEqual({
      kind: 'stopped',
      reason: 'the code raised: ValueError: bad input',
      verdicts: [],
    });
    const syntax = await sandbox.run('def square(x) return x', ['pass'], limits);
    expect(syntax.kind === 'stopped' && syntax.reason).toMatch(/^the code raised: SyntaxError/);
    const partial = await sandbox.run(
      solution,
      ['assert square(2) == 4', 'while True: pass', 'assert square(3) == 9'],
      { timeoutMs: 1500, memoryMb: 64 },
    );
    expect(partial).toEqual({
      kind: 'stopped',
      reason: 'timed out after 1500 ms',
      verdicts: [{ index: 0, passed: true }],
    });
  }, 300_000);

  it('runs under another memory limit in a process of its own, and stops a cancelled run', async () => {
    const bigger = await sandbox.run('x = bytearray(100 * 1024 * 1024)', ['assert len(x) == 100 * 1024 * 1024'], {
      timeoutMs: 20_000,
      memoryMb: 160,
    });
    expect(bigger).toEqual({ kind: 'finished', verdicts: [{ index: 0, passed: true }] });
    const smaller = await sandbox.run('x = bytearray(100 * 1024 * 1024)', ['pass'], limits);
    expect(smaller).toEqual({ kind: 'stopped', reason: 'ran out of memory (limit 64 MB)', verdicts: [] });
    const controller = new AbortController();
    const running = sandbox.run(
      'while True:\n    pass',
      ['pass'],
      { timeoutMs: 60_000, memoryMb: 64 },
      controller.signal,
    );
    // Whether it still waits for its process or already loops, it ends as cancelled; the run queued behind it runs.
    const behind = sandbox.run(solution, ['assert square(4) == 16'], limits);
    setImmediate(() => controller.abort());
    expect(await running).toEqual({ kind: 'stopped', reason: 'cancelled', verdicts: [] });
    expect(await behind).toEqual({ kind: 'finished', verdicts: [{ index: 0, passed: true }] });
  }, 300_000);
});
