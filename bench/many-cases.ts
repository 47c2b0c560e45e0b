// Many inline cases (issue 14, item 15): `informal check` of one program with 100,000 inline `case` lines, against
// the same cases read from a JSONL file with `cases from`, and what a file of items that ohm must match (cases
// of an input with a non-ASCII name) and a file with a mistake near its end cost. Each file is checked by the built CLI in
// a process of its own under `/usr/bin/time -v`: wall time, CPU time (user + system) and peak RSS of the whole
// command, start-up included. A small program is checked too, for the start-up alone.
// Run: npm run bench:many-cases [-- --cases 100000 --matched 20000 --repetitions 3 --cli bin/informal.js]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    matched: { type: 'string', default: '20000' },
    repetitions: { type: 'string', default: '3' },
    // Another build of the CLI (an older tree's bin/informal.js) to compare with.
    cli: { type: 'string', default: 'bin/informal.js' },
  },
});
const caseCount = Number(values.cases);
const matchedCount = Number(values.matched);
const repetitions = Number(values.repetitions);
const cli = resolve(values.cli);
if (!existsSync('/usr/bin/time')) throw new Error('this benchmark needs /usr/bin/time (GNU time) for peak RSS');

const folder = mkdtempSync(join(tmpdir(), 'informal-many-cases-'));
const words = ['refund', 'outage', 'invoice', 'login', 'upgrade', 'delivery', 'password', 'billing', 'crash', 'sync'];
const head = [
  'prog 1',
  'program many "Answer tickets"',
  'input ticket: string',
  'input tier: "free" | "pro" = "free"',
  'prompt "Tier {{ tier }}. Answer in one word: {{ ticket }}"',
  'verify exact(expected)',
];
const tail = ['sample 1 seed 1', 'expect pass@1 >= 0.5'];
const ticket = (index: number): string => `Ticket ${index} about ${words[index % words.length]}`;
const caseLine = (index: number): string =>
  `case "c${index}" { ticket: "${ticket(index)}"${index % 3 === 0 ? ', tier: "pro"' : ''} } -> "${words[index % words.length]}"`;
const write = (name: string, lines: readonly string[]): string => {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

const inline = Array.from({ length: caseCount }, (_, index) => caseLine(index));
const files = {
  small: write('small.prog', [...head, ...inline.slice(0, 3), ...tail]),
  inline: write('inline.prog', [...head, ...inline, ...tail]),
  jsonl: write('jsonl.prog', [...head, 'cases from "./cases.jsonl"', ...tail]),
  // The simple-case reader takes ASCII names only: cases of an input named in another script are matched by ohm,
  // in parts, as every item but a case is.
  matched: write('matched.prog', [
    ...head.map((line) => line.replaceAll('ticket', 'билет')),
    ...inline.slice(0, matchedCount).map((line) => `${line.replace('ticket', 'билет')} expect pass@1 >= 0.5`),
    ...tail,
  ]),
  // A misspelled keyword on the line at 90% of the file.
  mistake: write('mistake.prog', [
    ...head,
    ...inline.map((line, index) => (index === Math.floor(caseCount * 0.9) ? line.replace('case', 'caes') : line)),
    ...tail,
  ]),
};
writeFileSync(
  join(folder, 'cases.jsonl'),
  `${inline
    .map((_, index) =>
      JSON.stringify({
        id: `c${index}`,
        ticket: ticket(index),
        ...(index % 3 === 0 ? { tier: 'pro' } : {}),
        expected: words[index % words.length],
      }),
    )
    .join('\n')}\n`,
);

interface Figures {
  readonly wall: number;
  readonly cpu: number;
  readonly rssMb: number;
  readonly status: number | null;
}

/** One `informal check` of `path` under GNU time. */
function check(path: string): Figures {
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'check', path], { encoding: 'utf8' });
  const field = (name: string): number => Number(new RegExp(`${name}: ([0-9.:]+)`).exec(run.stderr)?.[1] ?? Number.NaN);
  const elapsed = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)/.exec(run.stderr)?.[1] ?? '';
  const wall = elapsed.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return {
    wall,
    cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    rssMb: field('Maximum resident set size \\(kbytes\\)') / 1024,
    status: run.status,
  };
}

const median = (samples: readonly number[]): number =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
const report: Record<string, unknown> = { node: process.version, cli, cases: caseCount, matchedCases: matchedCount };
const load = [loadavg()[0]];
for (const [name, path] of Object.entries(files)) {
  const runs = Array.from({ length: repetitions }, () => check(path));
  const figures = {
    wallS: median(runs.map((run) => run.wall)),
    cpuS: median(runs.map((run) => run.cpu)),
    peakRssMb: Math.round(median(runs.map((run) => run.rssMb))),
    exit: runs.map((run) => run.status),
    walls: runs.map((run) => run.wall),
  };
  report[name] = figures;
  console.log(
    `${name.padEnd(8)} wall ${figures.wallS.toFixed(2)} s (runs ${figures.walls.join(', ')}), CPU ${figures.cpuS.toFixed(2)} s, peak RSS ${figures.peakRssMb} MB, exit ${figures.exit.join('/')}`,
  );
}
load.push(loadavg()[0]);
report.load = load.map((value) => Number((value as number).toFixed(2)));
console.log(`load average (1 min): ${report.load}`);
console.log(JSON.stringify(report));
rmSync(folder, { recursive: true, force: true });
