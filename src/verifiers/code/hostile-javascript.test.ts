// Code written to get around runs_tests, as a model trained against it would write it. Each probe must score as a
// failure with its reason, leave informal's process (and its parent) running, and start no process.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJavaScriptSandbox } from './javascript-sandbox.js';
import { runsTests } from './runs-tests.js';
import { type CountingServer, startCountingServer } from './testing/counting-server.js';

/**
 * The processes this one has started, from every thread's `children` (Linux; none elsewhere). Run from the
 * TypeScript source, each sandbox thread loads tsx, whose esbuild service is a process of its own: it is not the
 * sandbox's, and the built package has none.
 */
function childProcesses(): string[] {
  if (process.platform !== 'linux') return [];
  const children = readdirSync('/proc/self/task').flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'esbuild';
    } catch {
      return false; // Gone since.
    }
  });
}

/** A loopback server that counts the connections it gets: no probe may reach it. */
let server: CountingServer;
let port = 0;
let childrenBefore: string[] = [];
beforeAll(async () => {
  server = await startCountingServer();
  port = server.port;
  childrenBefore = childProcesses();
});
afterAll(() => server.close());
afterEach(() => {
  // Both calls throw if the process is gone.
  expect(process.kill(process.pid, 0)).toBe(true);
  expect(process.kill(process.ppid, 0)).toBe(true);
  expect(childProcesses()).toEqual(childrenBefore);
  expect(server.connections()).toBe(0);
});

const run = (code: string, tests: string | string[], options: Record<string, unknown> = {}) =>
  runsTests.score([code, tests], { timeout_ms: 500, memory_mb: 64, ...options });

/** Expects a score of 0 with exactly this explanation (or one that matches). */
async function expectFailure(score: ReturnType<typeof run>, explanation: string | RegExp): Promise<void> {
  const { value, status, explanation: actual } = await score;
  expect({ value, status }).toEqual({ value: 0, status: 'scored' });
  if (typeof explanation === 'string') expect(actual).toBe(explanation);
  else expect(actual).toMatch(explanation);
}

const notDefined = (name: string) => `the code failed: ReferenceError: '${name}' is not defined`;

describe('hostile JavaScript: the host and other processes', () => {
  it('cannot kill informal, its parent or any process', async () => {
    await expectFailure(run("process.kill(process.ppid, 'SIGKILL')", 'true'), notDefined('process'));
    await expectFailure(run('process.kill(1)', 'true'), notDefined('process'));
    await expectFailure(run('process.exit(0)', 'true'), notDefined('process'));
  });

  it('cannot start a process or load a module of the host', async () => {
    await expectFailure(run("require('child_process').execSync('id')", 'true'), notDefined('require'));
    await expectFailure(
      run("import('node:child_process').then((cp) => cp.execSync('id'))", 'true'),
      "the code failed: ReferenceError: could not load module 'node:child_process'",
    );
    await expectFailure(
      run("import('node:fs')", 'true'),
      "the code failed: ReferenceError: could not load module 'node:fs'",
    );
    await expectFailure(run("os.exec(['sh', '-c', 'id'])", 'true'), notDefined('os'));
  });

  it('cannot read files, the environment or keys', async () => {
    await expectFailure(run("std.loadFile('/proc/self/environ')", 'true'), notDefined('std'));
    await expectFailure(run("require('fs').readFileSync('/etc/hostname', 'utf8')", 'true'), notDefined('require'));
    await expectFailure(run('process.env.OPENAI_API_KEY', 'true'), notDefined('process'));
  });

  it('finds no host object through the global object or constructors', async () => {
    await expectFailure(run("this.constructor.constructor('return process')()", 'true'), notDefined('process'));
    await expectFailure(run("Function('return globalThis.process.mainModule')()", 'true'), /TypeError/);
    // The global object holds ECMAScript's built-ins and `console`, nothing else (`assert` is a global const).
    const ecmascript = `new Set(['Error','EvalError','RangeError','ReferenceError','SyntaxError','TypeError','URIError',
      'InternalError','AggregateError','Array','Object','Function','Iterator','parseInt','parseFloat','isNaN','isFinite',
      'decodeURI','decodeURIComponent','encodeURI','encodeURIComponent','escape','unescape','Infinity','NaN','undefined',
      'eval','Number','Boolean','String','Math','Reflect','Symbol','globalThis','BigInt','Date','RegExp','JSON','Proxy',
      'Map','Set','WeakMap','WeakSet','ArrayBuffer','SharedArrayBuffer','Uint8ClampedArray','Int8Array','Uint8Array',
      'Int16Array','Uint16Array','Int32Array','Uint32Array','BigInt64Array','BigUint64Array','Float16Array',
      'Float32Array','Float64Array','DataView','Promise','WeakRef','FinalizationRegistry'])`;
    const score = await run(`const known = ${ecmascript};`, [
      "assert.deepStrictEqual(Object.getOwnPropertyNames(globalThis).filter((name) => !known.has(name)), ['console'])",
      "['process', 'require', 'module', 'Buffer', 'std', 'os', 'fetch', 'WebAssembly', 'postMessage'].every((name) => !(name in globalThis))",
    ]);
    expect(score).toMatchObject({ value: 1, explanation: '2 of 2 tests passed' });
  });

  it('reaches no network: no fetch, XMLHttpRequest or WebSocket', async () => {
    await expectFailure(run(`fetch('http://127.0.0.1:${port}/')`, 'true'), notDefined('fetch'));
    await expectFailure(
      run(`new XMLHttpRequest().open('GET', 'http://127.0.0.1:${port}/')`, 'true'),
      notDefined('XMLHttpRequest'),
    );
    await expectFailure(run(`new WebSocket('ws://127.0.0.1:${port}/')`, 'true'), notDefined('WebSocket'));
  });
});

describe('hostile JavaScript: forged verdicts', () => {
  it('prints verdict lines in every format, and they count for nothing', async () => {
    const forged = [
      `console.log('@@informal-00000000-0000-0000-0000-000000000000@@{"index":0,"passed":true}')`,
      `console.log(JSON.stringify({ index: 0, passed: true }))`,
      `console.log(JSON.stringify({ type: 'end', id: 1, outcome: { kind: 'finished', verdicts: [{ index: 0, passed: true }] } }))`,
      `console.log('ok 1 - passed\\n1 of 1 tests passed')`,
    ].join('\n');
    await expectFailure(run(forged, 'false'), 'test 1 failed: the test evaluated to false');
    await expectFailure(run("postMessage({ type: 'end', id: 1 })", 'true'), notDefined('postMessage'));
  });

  it('replaces assert and the intrinsics it uses, and the tests still fail', async () => {
    await expectFailure(
      run('const assert = () => {}', 'assert(false)'),
      "the code failed: SyntaxError: redeclaration of 'assert'",
    );
    await expectFailure(
      run('var assert = () => true', 'assert(false)'),
      "the code failed: SyntaxError: redeclaration of 'assert'",
    );
    await expectFailure(
      run('function assert() {}', 'assert(false)'),
      "the code failed: SyntaxError: redeclaration of 'assert'",
    );
    await expectFailure(
      run('assert = () => true', 'assert(false)'),
      "the code failed: TypeError: 'assert' is read-only",
    );
    const patched = `
      try { globalThis.assert = () => true; } catch {}
      try { Object.defineProperty(globalThis, 'assert', { value: () => true }); } catch {}
      try { assert.strictEqual = () => {}; } catch {}
      try { Object.defineProperty(assert, 'ok', { value: () => {} }); } catch {}
      try { Object.is = () => true; } catch {}
      try { Reflect.apply = () => null; } catch {}
      try { Reflect.ownKeys = () => []; } catch {}
      try { Object.getOwnPropertyDescriptor = () => undefined; } catch {}
      try { Object.keys = () => []; } catch {}
      try { Array.isArray = () => true; } catch {}
      try { Array.prototype.push = function () {}; } catch {}
      try { RegExp.prototype.exec = () => ['']; } catch {}
      try { JSON.stringify = () => '"same"'; } catch {}
      try { Object.defineProperty(Object.prototype, 'value', { __proto__: null, get() { return undefined; } }); } catch {}
      try { Object.defineProperty(Object.prototype, 'enumerable', { __proto__: null, get() { return false; } }); } catch {}
      try { globalThis.Error = function () { return {}; }; } catch {}
      try { Error.prototype.toString = () => 'ok'; } catch {}`;
    const tests = [
      'assert(false)',
      'assert.ok(0)',
      'assert.strictEqual(1, 2)',
      'assert.equal(1, 2)',
      'assert.deepStrictEqual({ a: 1 }, { a: 2 })',
      'assert.deepStrictEqual([1, 2], [1, 3])',
      'assert.deepEqual(new Map([[1, 2]]), new Map([[1, 3]]))',
      'assert.throws(() => {})',
      "assert.match('a', /b/)",
      'assert.notStrictEqual(1, 1)',
    ];
    const score = await run(patched, tests);
    expect(score.value).toBe(0);
    expect(score.explanation).toMatch(/^test 1 failed: AssertionError: .*; 7 more failed$/);
  });

  it('changes the built-ins a test calls, or rebinds their names, and the tests still see the originals', async () => {
    const patched = `
      Array.prototype.includes = () => true;
      JSON.stringify = () => '[2]';
      Math.abs = () => 0;
      Object.prototype.extra = 1;
      String.prototype.trim = function () { return 'trimmed'; };
      Function.prototype.call = function () { return true; };
      Promise.prototype.then = function (resolve) { resolve(true); };
      JSON = { stringify: () => '[2]' };
      Object.defineProperty(globalThis, 'Math', { value: { abs: () => 0 } });
      Object.defineProperty(globalThis, 'undefined', { value: 42 });
      globalThis.eval = () => true;
      class Returns { constructor() { return globalThis; } }
      class Fields extends Returns { Number = () => 7; }
      new Fields();
      function answer() { return 42; }`;
    const tests = [
      '[1].includes(2)',
      "JSON.stringify([1]) === '[2]'",
      'Math.abs(-5) === 0',
      '({}).extra === 1',
      "' x '.trim() === 'trimmed'",
      'Object.prototype.hasOwnProperty.call({}, "x")',
      'Promise.resolve(false)',
      'answer() === undefined',
      "eval('false')",
      "Number('3') === 7",
    ];
    const score = await run(patched, tests);
    expect(score.value).toBe(0);
    expect(score.explanation).toBe(
      'test 1 failed: the test evaluated to false; test 2 failed: the test evaluated to false; test 3 failed: the test evaluated to false; 7 more failed',
    );
    await expectFailure(
      run("'use strict'; Array.prototype.includes = () => true;", 'true'),
      "the code failed: TypeError: 'includes' is read-only",
    );
  });

  it('freezes the built-ins in every execution: the first of a thread (which walks them) and the next ones', async () => {
    const sandbox = createJavaScriptSandbox({ threads: 1 });
    const frozen = `[Object, Object.prototype, Function.prototype, Array.prototype, Math, JSON, Reflect, Promise,
      Promise.prototype, Error.prototype, Map.prototype, Object.getPrototypeOf([][Symbol.iterator]()),
      Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), Object.getPrototypeOf(function* () {}),
      Object.getPrototypeOf(Int8Array), Object.getPrototypeOf(Int8Array).prototype,
      Array.prototype[Symbol.unscopables], console, assert, assert.AssertionError.prototype].every(Object.isFrozen)`;
    for (let run = 0; run < 3; run++) {
      const outcome = await sandbox.run('', [frozen, '!Object.isFrozen(globalThis)'], {
        timeoutMs: 5000,
        memoryMb: 64,
      });
      expect(outcome).toEqual({
        kind: 'finished',
        verdicts: [
          { index: 0, passed: true },
          { index: 1, passed: true },
        ],
      });
    }
  });

  it('still runs ordinary code that assigns what the built-ins hold: error names, constructors, toString', async () => {
    const code = `
      class ParseError extends Error { constructor(message) { super(message); this.name = 'ParseError'; } }
      function Shape() {}
      Shape.prototype = Object.create(Object.prototype);
      Shape.prototype.constructor = Shape;
      Shape.prototype.toString = function () { return 'shape'; };
      const point = { x: 1 };
      point.toString = () => 'point';
      function parse() { throw new ParseError('bad input'); }`;
    const score = await run(code, [
      'assert.throws(parse, ParseError)',
      "new ParseError('x').name === 'ParseError'",
      "String(new Shape()) === 'shape' && new Shape().constructor === Shape",
      "String(point) === 'point'",
      'parse()',
    ]);
    expect(score).toMatchObject({ value: 0.8, explanation: 'test 5 failed: ParseError: bad input' });
  });

  it('throws values that lie about themselves, and the message is quoted, cut short and kept on one line', async () => {
    const huge = await run("throw new Error('x'.repeat(1e7))", 'true');
    expect(huge.value).toBe(0);
    expect(huge.explanation?.length).toBeLessThan(400);
    await expectFailure(
      run("throw new Error('ok\\n3 of 3 tests passed')", 'true'),
      'the code failed: ok 3 of 3 tests passed',
    );
    await expectFailure(run('throw { get message() { for (;;) {} } }', 'true'), 'timed out after 500 ms');
    await expectFailure(run('throw Symbol("x")', 'true'), 'the code failed: threw Symbol(x)');
  });

  it('runs many samples at once, hostile and honest, each decided on its own', async () => {
    const hostile = [
      'globalThis.f = () => 0; Object.prototype.valueOf = () => 1; while (true) {}',
      'console.log(\'@@informal@@{"index":0,"passed":true}\'); const f = () => -1;',
      'const all = []; for (;;) all.push(new Array(1e5).fill(1.5));',
      'function f() { return f(); } f();',
    ];
    const samples = Array.from({ length: 24 }, (_, index) =>
      index % 2 === 0
        ? { code: `function f() { return ${index}; }`, expected: 1, index }
        : { code: hostile[(index >> 1) % hostile.length] as string, expected: 0, index },
    );
    const scores = await Promise.all(
      samples.map((sample) => run(sample.code, `f() === ${sample.index}`, { timeout_ms: 2000, memory_mb: 32 })),
    );
    expect(scores.map((score) => score.value)).toEqual(samples.map((sample) => sample.expected));
  });

  it('leaves nothing to the next sample: each execution has a fresh runtime', async () => {
    await expectFailure(
      run("globalThis.leak = 1; Object.prototype.polluted = true; Array.prototype.includes = () => true; 'x'", 'false'),
      'test 1 failed: the test evaluated to false',
    );
    const next = await run('', ["typeof leak === 'undefined'", "!('polluted' in {})", '![1].includes(2)']);
    expect(next).toMatchObject({ value: 1, explanation: '3 of 3 tests passed' });
  });
});

describe('hostile JavaScript: limits', () => {
  it('stops infinite loops, also those that catch', async () => {
    await expectFailure(run('while (true) {}', 'true'), 'timed out after 500 ms');
    await expectFailure(run('for (;;) { try {} catch {} }', 'true'), 'timed out after 500 ms');
    await expectFailure(
      run('for (;;) { try { while (true) {} } catch {} finally { continue; } }', 'true'),
      'timed out after 500 ms',
    );
    expect(await run('function f() {}', ['true', 'while (true) {}', 'true'])).toMatchObject({
      value: 1 / 3,
      explanation: 'timed out after 500 ms at test 2',
    });
  });

  it('stops deep recursion, also recursion that catches its overflow', async () => {
    await expectFailure(
      run('function f() { return f(); } f()', 'true'),
      'the code failed: InternalError: stack overflow',
    );
    await expectFailure(
      run('function f() { try { return f(); } catch { return f(); } } f()', 'true'),
      'timed out after 500 ms',
    );
    await expectFailure(run('('.repeat(1e5), 'true'), /^the code failed: SyntaxError|^the JavaScript runtime failed/);
  });

  it('stops memory bombs within the memory limit', async () => {
    await expectFailure(
      run('const all = []; for (;;) all.push(new Array(1e5).fill(1.5));', 'true', { timeout_ms: 60_000 }),
      'ran out of memory (limit 64 MB)',
    );
    await expectFailure(
      run("let s = 'x'; for (;;) s += s;", 'true'),
      /^the code failed: (InternalError|RangeError)|^ran out of memory/,
    );
    await expectFailure(
      run('new ArrayBuffer(2 ** 31)', 'true'),
      /^the code failed: (InternalError|RangeError)|^ran out of memory/,
    );
    await expectFailure(
      run('const m = new Map(); for (let i = 0; ; i++) m.set(i, { i });', 'true', { timeout_ms: 60_000 }),
      'ran out of memory (limit 64 MB)',
    );
    // The memory is the execution's own: the next one runs.
    expect(await run('function f() { return 1; }', 'f() === 1')).toMatchObject({ value: 1 });
  });

  it('stops 1 GB of console output at the output limit, even when the code catches', async () => {
    await expectFailure(
      run("for (let i = 0; i < 1024; i++) console.log('x'.repeat(1 << 20));", 'true', { timeout_ms: 60_000 }),
      'printed more than 256 KB of output',
    );
    await expectFailure(
      run("for (;;) { try { console.log('x'.repeat(1 << 20)); } catch {} }", 'true', { timeout_ms: 60_000 }),
      'printed more than 256 KB of output',
    );
  });

  it('has no timers, and settles or stops promises', async () => {
    await expectFailure(run('setTimeout(() => {}, 0)', 'true'), notDefined('setTimeout'));
    await expectFailure(run('setInterval(() => {}, 1)', 'true'), notDefined('setInterval'));
    await expectFailure(
      run('new Promise(() => {})', 'true'),
      "the code failed: the code's promise can never settle (nothing is left to run)",
    );
    await expectFailure(run('(async () => { for (;;) await null; })()', 'true'), 'timed out after 500 ms');
    await expectFailure(
      run('const loop = () => Promise.resolve().then(loop); loop(); 1', 'true'),
      'timed out after 500 ms',
    );
  });

  it('terminates a thread held by one QuickJS call past its deadline, and runs the next execution', async () => {
    const sandbox = createJavaScriptSandbox({ threads: 1, graceMs: () => 200 });
    const limits = { timeoutMs: 300, memoryMb: 64 };
    // A naive substring search inside QuickJS: one call of about 10^10 steps that never polls the interrupt handler.
    const held = await sandbox.run('"a".repeat(1e6).indexOf("a".repeat(1e4) + "b")', ['true'], limits);
    expect(held).toEqual({ kind: 'stopped', reason: 'timed out after 300 ms', verdicts: [] });
    const next = await sandbox.run('const f = () => 1;', ['f() === 1'], limits);
    expect(next).toEqual({ kind: 'finished', verdicts: [{ index: 0, passed: true }] });
  });

  it('times out while holding a lock, and the next execution is not held by it', async () => {
    const sandbox = createJavaScriptSandbox({ threads: 1, graceMs: () => 200 });
    const limits = { timeoutMs: 300, memoryMb: 64 };
    // Atomics.wait on memory nobody will change: a lock that is never released (or no shared memory at all).
    const held = await sandbox.run(
      'const cell = new Int32Array(new SharedArrayBuffer(4)); Atomics.wait(cell, 0, 0);',
      ['true'],
      limits,
    );
    expect(held.kind).toBe('stopped');
    const next = await sandbox.run('const f = () => 1;', ['f() === 1'], limits);
    expect(next).toEqual({ kind: 'finished', verdicts: [{ index: 0, passed: true }] });
  });

  it('stops an execution when its signal aborts', async () => {
    const sandbox = createJavaScriptSandbox({ threads: 1 });
    const limits = { timeoutMs: 60_000, memoryMb: 64 };
    expect(await sandbox.run('', ['true'], limits)).toMatchObject({ kind: 'finished' });
    const controller = new AbortController();
    const running = sandbox.run('while (true) {}', ['true'], limits, controller.signal);
    controller.abort();
    expect(await running).toEqual({ kind: 'stopped', reason: 'cancelled', verdicts: [] });
    const queued = new AbortController();
    const first = sandbox.run('', ['true'], limits);
    const second = sandbox.run('while (true) {}', ['true'], limits, queued.signal);
    queued.abort();
    expect(await second).toEqual({ kind: 'stopped', reason: 'cancelled', verdicts: [] });
    expect(await first).toMatchObject({ kind: 'finished' });
  });
});

describe('hostile JavaScript: any text at all', () => {
  it('gives every code and test, however mangled, an outcome with reasons, and a score in [0, 1]', async () => {
    const fragments = fc.constantFrom(
      'function f(x) { return x * 2; }',
      'while (true) {}',
      'throw ',
      '`${',
      '"\\u',
      '/*',
      'await ',
      'new Promise(() => {})',
      'console.log("x".repeat(1e5));',
      'assert(',
      '(async () => { for (;;) await null; })()',
      'f(',
      ')',
      '}',
      'Object.freeze = null;',
      'export default ',
    );
    const source = fc
      .array(fc.oneof(fragments, fc.string({ maxLength: 20 })), { maxLength: 6 })
      .map((parts) => parts.join(' '));
    await fc.assert(
      fc.asyncProperty(source, fc.array(source, { minLength: 1, maxLength: 3 }), async (code, tests) => {
        const score = await run(code, tests, { timeout_ms: 200 });
        expect(score.status).toBe('scored');
        expect(score.value).toBeGreaterThanOrEqual(0);
        expect(score.value).toBeLessThanOrEqual(1);
        expect(score.explanation).toMatch(/\S/);
        expect(score.explanation).not.toMatch(/\n/);
      }),
      { numRuns: 40, seed: 20_261_207 },
    );
  });
});
