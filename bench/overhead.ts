// Overhead benchmark: 100 cases × 1,000 samples on the simulator with an exact verifier, stored in SQLite.
// Reports samples per second and peak memory (max RSS). Run: npm run bench:overhead [-- --cases 100 --samples 1000]
// `--max-cost <dollars>` gives the run a budget, so that every sample also goes through the budget's admission.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// The built package, as users run it (npm run bench:overhead builds it first).
import { runSuite } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100' },
    samples: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '64' },
    'max-cost': { type: 'string' },
  },
});
const cases = Number(values.cases);
const samples = Number(values.samples);

const folder = mkdtempSync(join(tmpdir(), 'informal-bench-'));
const lines = [
  'prog 1',
  'program overhead "Echo a word"',
  'input word: string',
  'prompt "Repeat the word {{ word }}."',
  'verify exact(expected)',
  ...Array.from({ length: cases }, (_, index) => `case "c${index}" { word: "w${index}" } -> "w${index}"`),
  `sample ${samples} seed 1`,
];
writeFileSync(join(folder, 'overhead.prog'), `${lines.join('\n')}\n`);

const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const result = await runSuite({
  paths: ['overhead.prog'],
  cwd: folder,
  store: process.env.BENCH_NO_STORE ? false : 'store.sqlite',
  concurrency: Number(values.concurrency),
  ...(values['max-cost'] !== undefined ? { maxCost: Number(values['max-cost']) } : {}),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const drawn = result.programs.reduce((sum, program) => sum + program.samples, 0);
const maxRssMb = process.resourceUsage().maxRSS / 1024;
rmSync(folder, { recursive: true, force: true });
console.log(
  JSON.stringify({
    benchmark: 'overhead',
    node: process.version,
    cases,
    samplesPerCase: samples,
    samples: drawn,
    seconds: Number(seconds.toFixed(3)),
    samplesPerSecond: Math.round(drawn / seconds),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    samplesPerCpuSecond: Math.round(drawn / cpuSeconds),
    peakRssMb: Math.round(maxRssMb),
    dollars: Number(result.programs.reduce((sum, program) => sum + program.spend.program.cost, 0).toPrecision(6)),
    ...(result.budget ? { budget: result.budget } : {}),
  }),
);
