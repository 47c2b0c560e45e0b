// Suite scheduler benchmark (issue 21): a suite of many small programs, 20 programs × 4 cases × 4 samples, against
// the loopback server answering after 100 ms, at concurrency 64, through runSuite with a SQLite store in a
// temporary folder (with a stop and a cancel signal, as the CLI passes them). Two scenarios: one interpreter (320
// calls), and two interpreters at once (two models of the server, each its own limit of 64: 640 calls). The ideal
// is the same for both: 320 calls per interpreter = 5 waves of 64 × 100 ms = 0.5 s. The target: sampling time at
// most 1.10 × the ideal, where sampling time runs from the reporters' `onSuiteStart` (after finding and compiling
// the programs, the server check and opening the store) to the last `onProgramEnd` (every program drawn, verified,
// recorded and summarised). One warm-up run loads the SDK; then `--repetitions` measured runs per scenario, each on
// a fresh server and a fresh store; the median is the figure.
// Run: npm run bench:suite-scheduler [-- --repetitions 7 --programs 20 --latency-ms 100]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// The built package, as users run it: its store writes on a thread of its own (npm run bench:suite-scheduler builds).
import { type Reporter, runSuite } from '../dist/index.js';
import { type BenchServer, startServerThread } from './latency/bench-server.js';

const { values } = parseArgs({
  options: {
    programs: { type: 'string', default: '20' },
    cases: { type: 'string', default: '4' },
    samples: { type: 'string', default: '4' },
    'latency-ms': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '64' },
    repetitions: { type: 'string', default: '5' },
  },
});
const programs = Number(values.programs);
const cases = Number(values.cases);
const samplesPerCase = Number(values.samples);
const latencyMs = Number(values['latency-ms']);
const concurrency = Number(values.concurrency);
const repetitions = Number(values.repetitions);
const callsPerInterpreter = programs * cases * samplesPerCase;
const idealSeconds = (Math.ceil(callsPerInterpreter / concurrency) * latencyMs) / 1000;
const target = 1.1;
const models = ['model-a', 'model-b'];

const folder = mkdtempSync(join(tmpdir(), 'informal-suite-scheduler-'));
for (let program = 0; program < programs; program++) {
  const lines = [
    'prog 1',
    `program p${String(program).padStart(2, '0')} "Echo a word"`,
    'input word: string',
    'prompt "Repeat the word {{ word }}."',
    'verify exact(expected)',
    ...Array.from(
      { length: cases },
      (_, index) => `case "c${index}" { word: "w${program}x${index}" } -> "w${program}x${index}"`,
    ),
    `sample ${samplesPerCase} seed 1`,
  ];
  writeFileSync(join(folder, `p${String(program).padStart(2, '0')}.prog`), `${lines.join('\n')}\n`);
}

const server: BenchServer = await startServerThread();

interface Repetition {
  /** runSuite's wall time, from the call to its return. */
  readonly seconds: number;
  /** From the reporters' `onSuiteStart` to the last `onProgramEnd`: drawing, verifying, recording, summarising. */
  readonly samplingSeconds: number;
  readonly ratio: number;
  readonly maxConcurrent: number;
  readonly requests: number;
  readonly cpuSeconds: number;
  readonly load1: number;
}

async function runOnce(index: number, interpreters: number): Promise<Repetition> {
  const url = await server.start(latencyMs, models);
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
    paths: ['.'],
    cwd: folder,
    interpreters: models.slice(0, interpreters).map((model) => `openai-compatible:${model}`),
    baseURL: url,
    concurrency,
    store: `store-${interpreters}-${index}.sqlite`,
    stopSignal: stop.signal,
    signal: cancel.signal,
  });
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const stats = await server.stats();
  if (result.status === 'error') throw new Error(result.errors.map((error) => error.message).join('; '));
  const calls = callsPerInterpreter * interpreters;
  const drawn = result.programs.reduce((sum, program) => sum + program.samples, 0);
  if (result.programs.length !== programs * interpreters || drawn !== calls || stats.chatCount !== calls) {
    throw new Error(`expected ${calls} samples and requests, got ${drawn} and ${stats.chatCount}`);
  }
  const samplingSeconds = ((marks.programEnd ?? ended) - (marks.suiteStart ?? started)) / 1000;
  return {
    seconds: (ended - started) / 1000,
    samplingSeconds,
    ratio: samplingSeconds / idealSeconds,
    maxConcurrent: stats.maxConcurrent,
    requests: stats.chatCount,
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
  `suite scheduler: ${programs} programs × ${cases} cases × ${samplesPerCase} samples, ${latencyMs} ms, ` +
    `concurrency ${concurrency}; ideal ${idealSeconds.toFixed(3)} s per scenario, target ≤ ${(target * idealSeconds).toFixed(3)} s`,
);
const warmUp = await runOnce(0, 1);
log(`warm-up: sampling ${warmUp.samplingSeconds.toFixed(3)} s, load ${warmUp.load1.toFixed(2)}`);
const scenarios = [];
for (const interpreters of [1, 2]) {
  const runs: Repetition[] = [];
  for (let index = 1; index <= repetitions; index++) {
    const run = await runOnce(index, interpreters);
    runs.push(run);
    log(
      `${interpreters} interpreter(s), run ${index}: sampling ${run.samplingSeconds.toFixed(3)} s (ratio ` +
        `${run.ratio.toFixed(3)}), runSuite ${run.seconds.toFixed(3)} s, maxConcurrent ${run.maxConcurrent}, ` +
        `cpu ${run.cpuSeconds.toFixed(2)} s, load ${run.load1.toFixed(2)}`,
    );
  }
  const sampling = median(runs.map((run) => run.samplingSeconds));
  scenarios.push({
    interpreters,
    calls: callsPerInterpreter * interpreters,
    medianSamplingSeconds: fixed(sampling),
    medianRatio: fixed(sampling / idealSeconds),
    met: sampling / idealSeconds <= target,
    samplingSeconds: runs.map((run) => fixed(run.samplingSeconds)),
    medianSeconds: fixed(median(runs.map((run) => run.seconds))),
    seconds: runs.map((run) => fixed(run.seconds)),
    maxConcurrent: runs.map((run) => run.maxConcurrent),
    cpuSeconds: runs.map((run) => fixed(run.cpuSeconds, 2)),
    load1: runs.map((run) => fixed(run.load1, 2)),
  });
}
await server.close();
rmSync(folder, { recursive: true, force: true });

console.log(
  JSON.stringify({
    benchmark: 'suite-scheduler',
    node: process.version,
    programs,
    cases,
    samplesPerCase,
    latencyMs,
    concurrency,
    repetitions,
    idealSeconds: fixed(idealSeconds, 4),
    targetSeconds: fixed(target * idealSeconds, 4),
    scenarios,
  }),
);
