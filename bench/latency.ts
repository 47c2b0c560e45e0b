// Latency-bound benchmark (issue 7): 2,000 samples (20 cases × 100) on `openai-compatible:test-model` against the
// loopback server answering after 50 ms, at concurrency 64, through runSuite with a SQLite store in a temporary
// folder, as the CLI runs it (with a stop signal and a cancel signal). The target: wall time at most 1.10 × the
// ideal, samples × latency / concurrency. One warm-up run loads the SDK; then `--repetitions` measured runs, each
// on a fresh server and a fresh store; the median is the figure.
// Run: npm run bench:latency [-- --repetitions 7 --server inline --no-store]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Reporter } from '../src/runner/reporter.js';
import { runSuite } from '../src/runner/run-suite.js';
import { type BenchServer, startServerInline, startServerThread } from './latency/bench-server.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '20' },
    samples: { type: 'string', default: '100' },
    'latency-ms': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '64' },
    repetitions: { type: 'string', default: '5' },
    server: { type: 'string', default: 'thread' },
    'no-store': { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const samplesPerCase = Number(values.samples);
const latencyMs = Number(values['latency-ms']);
const concurrency = Number(values.concurrency);
const repetitions = Number(values.repetitions);
const samples = cases * samplesPerCase;
const idealSeconds = (samples * latencyMs) / concurrency / 1000;
// Calls go in waves of `concurrency`: the last wave is partly empty, so no run can beat this.
const floorSeconds = (Math.ceil(samples / concurrency) * latencyMs) / 1000;
const target = 1.1;

const folder = mkdtempSync(join(tmpdir(), 'informal-latency-'));
const lines = [
  'prog 1',
  'program latency "Echo a word"',
  'input word: string',
  'prompt "Repeat the word {{ word }}."',
  'verify exact(expected)',
  ...Array.from({ length: cases }, (_, index) => `case "c${index}" { word: "w${index}" } -> "w${index}"`),
  `sample ${samplesPerCase} seed 1`,
];
writeFileSync(join(folder, 'latency.prog'), `${lines.join('\n')}\n`);

const server: BenchServer = values.server === 'inline' ? await startServerInline() : await startServerThread();

interface Repetition {
  /** runSuite's wall time, from the call to its return: what a user waits for. */
  readonly seconds: number;
  /** The sampling alone (runProgram's duration): without finding, compiling, setting up and closing. */
  readonly samplingSeconds: number;
  /** From the call to the reporters' `onSuiteStart`: finding and compiling, the server check, opening the store. */
  readonly setupSeconds: number;
  /** From the last `onProgramEnd` to the return: closing the interpreter and the store. */
  readonly closeSeconds: number;
  readonly ratio: number;
  /** Samples whose answer the verifier accepted: all of them, unless calls failed. */
  readonly passed: number;
  readonly maxConcurrent: number;
  readonly requests: number;
  readonly connections: number;
  readonly cpuSeconds: number;
  readonly load1: number;
}

async function runOnce(index: number): Promise<Repetition> {
  const url = await server.start(latencyMs);
  const load1 = loadavg()[0] as number;
  const stop = new AbortController();
  const cancel = new AbortController();
  const cpuBefore = process.cpuUsage();
  const marks: Record<string, number> = {};
  const timer: Reporter = {
    onSuiteStart: () => {
      marks.suiteStart = performance.now();
    },
    onProgramEnd: () => {
      marks.programEnd = performance.now();
    },
  };
  const started = performance.now();
  const result = await runSuite({
    reporters: [timer],
    paths: ['latency.prog'],
    cwd: folder,
    interpreter: 'openai-compatible:test-model',
    baseURL: url,
    concurrency,
    store: values['no-store'] ? false : `store-${index}.sqlite`,
    stopSignal: stop.signal,
    signal: cancel.signal,
  });
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const stats = await server.stats();
  if (result.status === 'error') throw new Error(result.errors.map((error) => error.message).join('; '));
  const program = result.programs[0];
  const passed =
    program?.run.cases.reduce((sum, caseRun) => sum + caseRun.samples.filter((sample) => sample.success).length, 0) ??
    0;
  if (program?.samples !== samples || stats.chatCount !== samples) {
    throw new Error(`expected ${samples} samples and requests, got ${program?.samples} and ${stats.chatCount}`);
  }
  return {
    seconds,
    samplingSeconds: (program?.run.durationMs ?? 0) / 1000,
    setupSeconds: ((marks.suiteStart ?? started) - started) / 1000,
    closeSeconds: (ended - (marks.programEnd ?? ended)) / 1000,
    ratio: seconds / idealSeconds,
    passed,
    maxConcurrent: stats.maxConcurrent,
    requests: stats.chatCount,
    connections: stats.connectionCount,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    load1,
  };
}

const median = (numbers: readonly number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const fixed = (value: number, digits = 3) => Number(value.toFixed(digits));

const log = (text: string) => process.stderr.write(`${text}\n`);
log(
  `latency-bound: ${samples} samples (${cases} × ${samplesPerCase}), ${latencyMs} ms, concurrency ${concurrency}, ` +
    `server ${values.server}, store ${values['no-store'] ? 'off' : 'on'}; ideal ${idealSeconds.toFixed(4)} s ` +
    `(floor of whole waves ${floorSeconds.toFixed(3)} s), target ≤ ${(target * idealSeconds).toFixed(3)} s`,
);
const warmUp = await runOnce(0);
log(`warm-up: ${warmUp.seconds.toFixed(3)} s (ratio ${warmUp.ratio.toFixed(3)}), load ${warmUp.load1.toFixed(2)}`);
const runs: Repetition[] = [];
for (let index = 1; index <= repetitions; index++) {
  const run = await runOnce(index);
  runs.push(run);
  log(
    `run ${index}: ${run.seconds.toFixed(3)} s (setup ${run.setupSeconds.toFixed(3)}, sampling ${run.samplingSeconds.toFixed(3)}, close ${run.closeSeconds.toFixed(3)}), ratio ${run.ratio.toFixed(3)}, maxConcurrent ${run.maxConcurrent}, ` +
      `connections ${run.connections}, cpu ${run.cpuSeconds.toFixed(2)} s, passed ${run.passed}/${samples}, load ${run.load1.toFixed(2)}`,
  );
}
await server.close();
rmSync(folder, { recursive: true, force: true });

const wall = median(runs.map((run) => run.seconds));
const ratio = wall / idealSeconds;
console.log(
  JSON.stringify({
    benchmark: 'latency-bound',
    node: process.version,
    samples,
    latencyMs,
    concurrency,
    server: values.server,
    store: !values['no-store'],
    repetitions,
    idealSeconds: fixed(idealSeconds, 4),
    floorSeconds: fixed(floorSeconds, 4),
    targetSeconds: fixed(target * idealSeconds, 4),
    medianSeconds: fixed(wall),
    medianRatio: fixed(ratio),
    met: ratio <= target,
    seconds: runs.map((run) => fixed(run.seconds)),
    medianSamplingSeconds: fixed(median(runs.map((run) => run.samplingSeconds))),
    samplingSeconds: runs.map((run) => fixed(run.samplingSeconds)),
    setupSeconds: runs.map((run) => fixed(run.setupSeconds)),
    closeSeconds: runs.map((run) => fixed(run.closeSeconds)),
    maxConcurrent: runs.map((run) => run.maxConcurrent),
    connections: runs.map((run) => run.connections),
    cpuSeconds: runs.map((run) => fixed(run.cpuSeconds, 2)),
    load1: runs.map((run) => fixed(run.load1, 2)),
    cold: { seconds: fixed(warmUp.seconds), ratio: fixed(warmUp.ratio) },
  }),
);
