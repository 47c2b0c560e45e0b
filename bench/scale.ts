// Scale (issue 21): runs of millions of samples through the built CLI, each in a process of its own under
// `/usr/bin/time -v` (wall time, peak RSS of the whole command, start-up included), with the store on.
// - `--samples N`: one program of 100 cases × N samples on `sim:perfect` with `contains(expected)`: wall time, peak
//   RSS, the store's bytes per sample; then `informal report latest --html` of the stored run under time -v.
// - `--shards S`: the same run cut into S shards (`--shard i/S`, one process each, one store each), then
//   `informal merge` of the S stores under time -v, then the merged run's JSON report (`informal test --store
//   merged`) compared with the unsharded run's (read back from its own store), timings left out.
// `--cli <path>` measures another build of the CLI (an older tree's bin/informal.js) on the same workload.
// Run: npm run build && npx tsx bench/scale.ts [--samples 10000] [--shards 100] [--cli bin/informal.js]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100' },
    samples: { type: 'string', default: '10000' },
    shards: { type: 'string' },
    cli: { type: 'string', default: 'bin/informal.js' },
    keep: { type: 'boolean', default: false },
  },
});
const cases = Number(values.cases);
const samplesPerCase = Number(values.samples);
const cli = resolve(values.cli);
if (!existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) for peak RSS');

const folder = mkdtempSync(join(tmpdir(), 'informal-scale-'));
const lines = [
  'prog 1',
  'program scale "Echo a word"',
  'input word: string',
  'prompt "Repeat the word {{ word }}."',
  'verify contains(expected)',
  ...Array.from({ length: cases }, (_, index) => `case "c${index}" { word: "w${index}" } -> "w${index}"`),
  'sample 10 seed 1',
  'expect pass@1 >= 0.5',
];
writeFileSync(join(folder, 'scale.prog'), `${lines.join('\n')}\n`);

/** Runs the CLI with `args` in the benchmark's folder under time -v: its exit status, output, wall time, peak RSS. */
function timed(args: readonly string[]) {
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...args], {
    cwd: folder,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  const field = (name: string) => result.stderr.match(new RegExp(`${name}: (.+)`))?.[1] ?? '';
  const [minutes, seconds] = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    wallSeconds: Number(((minutes ?? 0) * 60 + (seconds ?? 0)).toFixed(2)),
    peakRssMb: Math.round(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024),
  };
}

/** Fails the benchmark, with what the command said, when it did not exit 0. */
function check(what: string, run: ReturnType<typeof timed>): void {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}:\n${run.stderr.slice(-2000)}`);
}

const total = cases * samplesPerCase;
const common = [
  'scale.prog',
  '--interpreter',
  'sim:perfect',
  '--samples',
  String(samplesPerCase),
  '--concurrency',
  '64',
];
const load = loadavg()[0]?.toFixed(2);
const single = timed(['test', ...common, '--store', 'single.sqlite', '--reporter', 'json']);
check('the single run', single);
const bytes = statSync(join(folder, 'single.sqlite')).size;
// The HTML report of the stored run, read back sample by sample.
const html = timed(['report', 'latest', '--store', 'single.sqlite', '--html', 'report.html']);
check('the HTML report', html);
const report: Record<string, unknown> = {
  benchmark: 'scale',
  node: process.version,
  cli: values.cli,
  load,
  samples: total,
  single: {
    wallSeconds: single.wallSeconds,
    microsecondsPerSample: Number(((single.wallSeconds * 1e6) / total).toFixed(2)),
    peakRssMb: single.peakRssMb,
    storeMb: Math.round(bytes / 2 ** 20),
    storeBytesPerSample: Math.round(bytes / total),
  },
  htmlReport: { wallSeconds: html.wallSeconds, peakRssMb: html.peakRssMb },
};

if (values.shards !== undefined) {
  const count = Number(values.shards);
  let slowest = 0;
  let largest = 0;
  for (let index = 1; index <= count; index++) {
    const shard = timed(['test', ...common, '--store', `shard-${index}.sqlite`, '--shard', `${index}/${count}`]);
    check(`shard ${index}/${count}`, shard);
    slowest = Math.max(slowest, shard.wallSeconds);
    largest = Math.max(largest, shard.peakRssMb);
  }
  const stores = Array.from({ length: count }, (_, index) => `shard-${index + 1}.sqlite`);
  const merge = timed(['merge', ...stores, '--into', 'merged.sqlite', '--complete']);
  check('the merge', merge);
  const merged = timed(['test', ...common, '--store', 'merged.sqlite', '--reporter', 'json']);
  check('the report of the merged store', merged);
  const again = timed(['test', ...common, '--store', 'single.sqlite', '--reporter', 'json']);
  check('the report of the single store', again);
  report.shards = {
    count,
    slowestShardSeconds: slowest,
    largestShardPeakRssMb: largest,
    merge: { wallSeconds: merge.wallSeconds, peakRssMb: merge.peakRssMb },
    mergedReport: { wallSeconds: merged.wallSeconds, peakRssMb: merged.peakRssMb },
    sameReport: withoutTimings(merged.stdout) === withoutTimings(again.stdout),
  };
}

/** A JSON report without what differs between two runs of the same seeds: when they ran, for how long, the cache. */
function withoutTimings(text: string): string {
  const timing = new Set([
    'runId',
    'startedAt',
    'durationMs',
    'latency',
    'seconds',
    'latencyMs',
    'cacheHits',
    'newCost',
    'cached',
  ]);
  return JSON.stringify(JSON.parse(text), (key, value) => (timing.has(key) ? undefined : value));
}

if (values.keep) report.folder = folder;
else rmSync(folder, { recursive: true, force: true });
console.log(JSON.stringify(report));
if (report.shards && !(report.shards as { sameReport: boolean }).sameReport) process.exitCode = 1;
