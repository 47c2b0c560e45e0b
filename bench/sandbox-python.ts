// Python sandbox throughput: executions per second of a small function with five tests, through
// `createPythonSandbox()` with its warm pool (one child per core). The start-up of the children (loading Pyodide) is
// measured apart and not counted; then `--executions` runs are kept `--concurrency` at a time. Further figures run
// mixes: every tenth sample raises; every tenth writes files in /tmp and its home folder (emptied after each
// execution); every fiftieth exhausts its memory (its child exits and a new one loads Pyodide), to show what a
// recycled process costs. CPU time is the children's, read from /proc after they exit, so a loaded machine shows in
// the wall figures and not in the CPU ones.
// Run: npm run bench:sandbox-python [-- --executions 400 --concurrency 4]
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createPythonSandbox } from '../src/verifiers/code/python-sandbox.js';

const { values } = parseArgs({
  options: {
    executions: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: String(2 * availableParallelism()) },
  },
});
const executions = Number(values.executions);
const concurrency = Number(values.concurrency);
const limits = { timeoutMs: 10_000, memoryMb: 128 };

const solution = `
def add(a, b):
    return a + b
`;
const tests = [
  'assert add(1, 2) == 3',
  'assert add(-1, 1) == 0',
  'assert add(0, 0) == 0',
  'assert add(10, 5) == 15',
  "assert add('a', 'b') == 'ab'",
];

/** CPU seconds of this process's children that have exited (utime + stime of the waited-for children). */
function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: state is field 0, cutime is field 13, cstime is field 14; clock ticks of 1/100 s.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function measure(name: string, codeFor: (index: number) => string): Promise<void> {
  const sandbox = createPythonSandbox();
  const cpuBefore = childrenCpuSeconds();
  const startupStart = performance.now();
  await Promise.all(Array.from({ length: availableParallelism() }, () => sandbox.run(solution, tests, limits)));
  const startupMs = performance.now() - startupStart;
  let next = 0;
  let passed = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < executions) {
        const index = next++;
        const outcome = await sandbox.run(codeFor(index), tests, limits);
        if (outcome.kind === 'finished' && outcome.verdicts.every((verdict) => verdict.passed)) passed++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await sandbox.close();
  const cpu = childrenCpuSeconds() - cpuBefore;
  console.log(
    `${name}: ${(executions / seconds).toFixed(1)} executions/s (${executions} in ${seconds.toFixed(2)} s, ` +
      `${passed} passed all tests), start-up of ${availableParallelism()} children ${(startupMs / 1000).toFixed(1)} s, ` +
      `children's CPU ${cpu.toFixed(1)} s in all`,
  );
}

console.log(
  `cores ${availableParallelism()}, load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}, ${executions} executions, ${concurrency} at a time`,
);
await measure('passing', () => solution);
await measure('every tenth raises', (index) => (index % 10 === 9 ? 'raise ValueError("no")' : solution));
await measure('every tenth writes files', (index) =>
  index % 10 === 9 ? `${solution}\nopen('/tmp/a.py', 'w').write('x = 1')\nopen('b.py', 'w').write('x = 1')` : solution,
);
await measure('every fiftieth exhausts its memory', (index) =>
  index % 50 === 49 ? `${solution}\nx = []\nwhile True: x.append(bytearray(10**6))` : solution,
);
