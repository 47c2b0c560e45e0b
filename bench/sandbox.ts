// Code sandbox benchmark: executions per second of a small JavaScript function with 5 tests, through the
// CodeSandbox (QuickJS on worker threads) and through runs_tests, after a warm-up that is not counted.
// Run: npm run bench:sandbox [-- --executions 2000 --concurrency 16 --threads 2]
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { CodeSandbox } from '../src/verifiers/code/code-sandbox.js';
import { createJavaScriptSandbox } from '../src/verifiers/code/javascript-sandbox.js';
import { runsTests } from '../src/verifiers/code/runs-tests.js';

const { values } = parseArgs({
  options: {
    executions: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    threads: { type: 'string', default: String(availableParallelism()) },
  },
});
const executions = Number(values.executions);
const concurrency = Number(values.concurrency);
const threads = Number(values.threads);

/** What a model writes for "add two numbers, and say which is larger", with the tests a program would give it. */
const solution = [
  'Here is the solution:',
  '```js',
  'export function add(a, b) {',
  '  return a + b;',
  '}',
  'export function larger(a, b) {',
  '  return a > b ? a : b;',
  '}',
  '```',
].join('\n');
const tests = [
  'assert.strictEqual(add(1, 2), 3)',
  'add(-1, 1) === 0',
  'assert.strictEqual(larger(2, 5), 5)',
  'assert.deepStrictEqual([add(0.5, 0.25), larger(-1, -2)], [0.75, -1])',
  "add('a', 'b') === 'ab'",
];
const limits = { timeoutMs: 5000, memoryMb: 256 };

/** Runs `task` `count` times with at most `concurrency` in flight; returns wall time, CPU time and latencies. */
async function measure(count: number, task: () => Promise<void>) {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const begun = performance.now();
      await task();
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0;
  return {
    perSecond: Math.round((count / wallMs) * 1000),
    wallS: (wallMs / 1000).toFixed(2),
    cpuS: ((cpu.user + cpu.system) / 1e6).toFixed(2),
    latencyMs: `${at(0.5).toFixed(1)} / ${at(0.95).toFixed(1)}`,
  };
}

async function throughSandbox(sandbox: CodeSandbox) {
  const code = solution.split('```js\n')[1]?.split('```')[0] ?? '';
  return measure(executions, async () => {
    const outcome = await sandbox.run(code, tests, limits);
    if (outcome.kind !== 'finished' || outcome.verdicts.some((verdict) => !verdict.passed)) {
      throw new Error(`the benchmark's solution did not pass: ${JSON.stringify(outcome)}`);
    }
  });
}

async function throughRunsTests() {
  return measure(executions, async () => {
    const score = await runsTests.score([solution, tests], {});
    if (score.value !== 1) throw new Error(`the benchmark's solution did not pass: ${JSON.stringify(score)}`);
  });
}

const sandbox = createJavaScriptSandbox({ threads });
const startedAt = performance.now();
await sandbox.run('', ['true'], limits);
const startMs = performance.now() - startedAt;
// Warm-up: thread start, WebAssembly tier-up, V8's optimisation of the host code.
await measure(Math.min(500, executions), async () => {
  await sandbox.run('function f() { return 1; }', ['f() === 1'], limits);
});
const load = loadavg()[0]?.toFixed(1);
const direct = await throughSandbox(sandbox);
const verifier = await throughRunsTests();
console.log(
  `Code sandbox: JavaScript (QuickJS), ${threads} threads, ${concurrency} in flight, ${executions} executions`,
);
console.log(`load ${load}; first execution (thread start) ${startMs.toFixed(0)} ms`);
console.log('| path        | executions/s | wall   | CPU    | latency p50 / p95 |');
console.log('| ----------- | -----------: | -----: | -----: | ----------------: |');
for (const [name, row] of [
  ['CodeSandbox', direct],
  ['runs_tests', verifier],
] as const) {
  console.log(
    `| ${name.padEnd(11)} | ${String(row.perSecond).padStart(12)} | ${row.wallS} s | ${row.cpuS} s | ${row.latencyMs.padStart(14)} ms |`,
  );
}
process.exit(0);
