import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyExpression as verify } from '../testing/verify-expression.js';
import { extractCode, runsTests } from './runs-tests.js';
import { type CountingServer, startCountingServer } from './testing/counting-server.js';

/** A loopback server that counts the connections it gets: the sandbox must give it none. */
let server: CountingServer;
let port = 0;
beforeAll(async () => {
  server = await startCountingServer();
  port = server.port;
});
afterAll(() => server.close());

const run = (code: string, tests: string | string[], options: Record<string, unknown> = {}) =>
  runsTests.score([code, tests], options);

describe('runs_tests in JavaScript', () => {
  it('scores the fraction of tests that pass, with the failures explained', async () => {
    const score = await run('function add(a, b) { return a + b }', [
      'assert.strictEqual(add(1, 2), 3)',
      'add(2, 2) === 5',
    ]);
    expect(score).toMatchObject({ value: 0.5, explanation: 'test 2 failed: the test evaluated to false' });
    expect(extractCode('Here:\n```js\nexport const x = 1;\n```\nDone')).toBe('export const x = 1;\n');
  });

  it('runs from a verify expression, composed with other verifiers', async () => {
    const score = await verify(
      '0.5 * runs_tests(["assert(add(1, 2) === 3)"]) + 0.5 * contains("export")',
      'Sure:\n```javascript\nexport function add(a, b) {\n  return a + b;\n}\n```',
    );
    expect(score.value).toBe(1);
    expect(score.parts?.[0]?.parts?.[0]).toMatchObject({ name: 'runs_tests', value: 1, status: 'scored' });
  });

  it('contains an infinite loop within its wall time, keeping the tests that passed before it', async () => {
    const score = await run('function f() { return 1 }', ['f() === 1', 'while (true) {}', 'f() === 1'], {
      timeout_ms: 1000,
    });
    expect(score).toMatchObject({ value: 1 / 3, explanation: 'timed out after 1000 ms at test 2' });
    expect(await run('while (true) {}', 'true', { timeout_ms: 1000 })).toMatchObject({
      value: 0,
      explanation: 'timed out after 1000 ms',
    });
  });

  it('contains a 4 GB allocation and a heap that grows without end within the memory limit', async () => {
    const buffer = await run('const big = new Uint8Array(4 * 1024 ** 3); big.fill(1);', 'true');
    expect(buffer.value).toBe(0);
    expect(buffer.explanation).toMatch(/^the code failed: (RangeError|InternalError): /);
    const heap = await run('const all = []; while (true) all.push(new Array(1e6).fill(1.5));', 'true', {
      memory_mb: 128,
    });
    expect(heap).toMatchObject({ value: 0, explanation: 'ran out of memory (limit 128 MB)' });
  });

  it('gives the code no files, no network and no process: only the language', async () => {
    const read = await run("require('fs').readFileSync('/etc/hostname', 'utf8')", 'true');
    expect(read).toMatchObject({ value: 0, explanation: "the code failed: ReferenceError: 'require' is not defined" });
    const socket = await run(`new WebSocket('ws://127.0.0.1:${port}/')`, 'true');
    expect(socket).toMatchObject({
      value: 0,
      explanation: "the code failed: ReferenceError: 'WebSocket' is not defined",
    });
    const fetched = await run(`fetch('http://127.0.0.1:${port}/')`, 'true');
    expect(fetched).toMatchObject({ value: 0, explanation: "the code failed: ReferenceError: 'fetch' is not defined" });
    expect(server.connections()).toBe(0);
    const exited = await run('process.exit(3)', 'true');
    expect(exited).toMatchObject({
      value: 0,
      explanation: "the code failed: ReferenceError: 'process' is not defined",
    });
  });

  it('scores a syntax error 0 with its reason, and runs empty code', async () => {
    const syntax = await run('function (', 'true');
    expect(syntax.value).toBe(0);
    expect(syntax.explanation).toContain('the code failed: SyntaxError');
    expect((await run('', 'true')).value).toBe(1);
  });

  it('settles promises: a test that resolves to false or rejects fails, one that can never settle fails at once', async () => {
    const score = await run('const later = (value) => Promise.resolve().then(() => value);', [
      'later(true)',
      'later(false)',
      'later(1).then(() => { throw new TypeError("no") })',
      'new Promise(() => {})',
    ]);
    expect(score).toMatchObject({
      value: 0.25,
      explanation:
        "test 2 failed: the test evaluated to false; test 3 failed: TypeError: no; test 4 failed: the test's promise can never settle (nothing is left to run)",
    });
  });
});

describe('runs_tests from the built package', () => {
  it('runs in a process started with flags of its own, and lets that process exit when it is done', () => {
    // dist/ is built by the test suite's global setup. The flags must not reach the sandbox's thread.
    const script = [
      "import { runsTests } from './dist/verifiers/code/runs-tests.js';",
      "const score = await runsTests.score(['function f() { return 1; }', ['f() === 1', 'while (true) {}']], { timeout_ms: 300 });",
      'console.log(JSON.stringify(score));',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(output)).toMatchObject({ value: 0.5, explanation: 'timed out after 300 ms at test 2' });
  });
});

// Python runs in Pyodide (WebAssembly), shipped with informal: no python3 is needed, so nothing skips.
describe('runs_tests in Python', () => {
  const python = { language: 'python' };

  it('scores the fraction of tests that pass', async () => {
    const score = await run(
      'def add(a, b):\n    return a + b\n',
      ['assert add(1, 2) == 3', 'assert add(2, 2) == 5'],
      python,
    );
    expect(score).toMatchObject({ value: 0.5, explanation: 'test 2 failed: AssertionError' });
    expect((await run('```python\ndef f(): return "é"\n```', 'assert f() == "é"', python)).value).toBe(1);
  });

  it('contains loops, memory bombs, file reads and sockets, each scored 0 with its reason', async () => {
    expect(await run('while True: pass', 'pass', { ...python, timeout_ms: 1000 })).toMatchObject({
      value: 0,
      explanation: 'timed out after 1000 ms',
    });
    const bomb = await run('big = [0] * 10 ** 9', 'pass', python);
    expect(bomb.value).toBe(0);
    expect(bomb.explanation).toContain('memory');
    // The code sees only Pyodide's file system in memory: the host's files do not exist there.
    expect(await run("open('/etc/hostname').read()", 'pass', python)).toMatchObject({
      value: 0,
      explanation: "the code raised: FileNotFoundError: [Errno 44] No such file or directory: '/etc/hostname'",
    });
    const socket = await run(`import socket\nsocket.create_connection(('127.0.0.1', ${port}))`, 'pass', python);
    expect(socket.value).toBe(0);
    expect(socket.explanation).toMatch(/^the code raised: /);
    // No command runs: os.system answers as a shell that has none would.
    expect(await run('import os\nstatus = os.system("true")', 'assert status == 0', python)).toMatchObject({
      value: 0,
    });
    expect(server.connections()).toBe(0);
  });
});
