/**
 * `extrapolate` on simulated families whose per-case p is known: for each family of
 * bench/extrapolation/sim-families.ts, each n and each K/n asked for, draw `seeds` suites of `cases` cases × n
 * samples, predict pass@K with `extrapolate` and both baselines (plain ML beta-binomial, least-squares power law),
 * and score them against the suite's true pass@K, the mean of 1 − (1 − p_i)^K over its cases.
 *
 *   npx tsx bench/extrapolation/families.ts [--seeds 20] [--cases 100] [--n 100] [--kn 100] [--families a,b]
 *                                          [--workers 1] [--prior '{"alphaMedian":0.4,…}'] [--mixture false]
 *
 * `--mixture false` runs `extrapolate` with the one-Beta model alone (as before the two-Beta model). `--n` and `--kn` take comma-separated lists (every pair is run). `--prior` takes JSON fields of `BetaBinomialPrior` that
 * replace the default's (to compare with other priors; the earlier default, chosen on Pythia alone, is
 * '{"alphaMedian":0.4,"alphaLogSd":0.35,"zeroMassRate":30,"zeroPointMass":0.5,"alphaMixture":{"weight":0,"median":1,"logSd":1}}'). Prints a Markdown table on stdout, progress on stderr.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BetaBinomialPrior, extrapolate } from '../../src/stats/extrapolation/index.js';
import { createSeededRandom } from '../../src/stats/seeded-random.js';
import { betaBinomialBaseline, powerLawBaseline } from './baselines.js';
import { drawCounts, drawPs, FAMILIES, truePassAtK } from './sim-families.js';

interface Task {
  family: string;
  n: number;
  kn: number;
  seeds: number;
  cases: number;
  prior?: Partial<BetaBinomialPrior>;
  mixture: boolean;
}

/** One family at one n and K/n, over its seeds. */
export interface FamilyResult {
  family: string;
  n: number;
  k: number;
  truth: number;
  error: { ours: number; betaBinomial: number; powerLaw: number };
  coverage: number;
  width: number;
  /** How often each model was selected. */
  selected: Record<string, number>;
  /**
   * The mean over seeds of `method.evidence`: P(some cases never solvable), P(α from the wide component), P(two
   * Betas rather than one; 0 with --mixture false).
   */
  evidence: { unsolvable: number; wideAlpha: number; twoGroups: number };
  seconds: number;
}

function evaluate(task: Task): FamilyResult {
  const started = Date.now();
  const family = FAMILIES.find(({ name }) => name === task.family);
  if (family === undefined) throw new Error(`no family ${task.family}`);
  const k = task.n * task.kn;
  const totals = {
    truth: 0,
    ours: 0,
    betaBinomial: 0,
    powerLaw: 0,
    covered: 0,
    width: 0,
    unsolvable: 0,
    wide: 0,
    twoGroups: 0,
  };
  const selected: Record<string, number> = {};
  for (let seed = 0; seed < task.seeds; seed++) {
    const random = createSeededRandom(104_729 * (seed + 1) + task.n);
    const ps = drawPs(family, task.cases, random);
    const counts = drawCounts(ps, task.n, random);
    const truth = truePassAtK(ps, k);
    const result = extrapolate(counts, {
      ks: [k],
      seed,
      mixture: task.mixture,
      ...(task.prior ? { prior: task.prior } : {}),
    });
    const prediction = result.passAtK[0] as { estimate: number; lower: number; upper: number };
    const { method } = result;
    selected[method.selected] = (selected[method.selected] ?? 0) + 1;
    totals.unsolvable += method.evidence.unsolvable;
    totals.wide += method.evidence.wideAlpha;
    totals.twoGroups += method.evidence.twoGroups ?? 0;
    totals.truth += truth;
    totals.ours += Math.abs(prediction.estimate - truth);
    totals.betaBinomial += Math.abs((betaBinomialBaseline(counts, [k])[0] as number) - truth);
    totals.powerLaw += Math.abs((powerLawBaseline(counts, [k])[0] as number) - truth);
    if (prediction.lower <= truth + 1e-9 && truth <= prediction.upper + 1e-9) totals.covered++;
    totals.width += prediction.upper - prediction.lower;
  }
  const mean = (value: number) => value / task.seeds;
  return {
    family: task.family,
    n: task.n,
    k,
    truth: mean(totals.truth),
    error: { ours: mean(totals.ours), betaBinomial: mean(totals.betaBinomial), powerLaw: mean(totals.powerLaw) },
    coverage: mean(totals.covered),
    width: mean(totals.width),
    selected,
    evidence: {
      unsolvable: mean(totals.unsolvable),
      wideAlpha: mean(totals.wide),
      twoGroups: mean(totals.twoGroups),
    },
    seconds: (Date.now() - started) / 1000,
  };
}

function runWorker(): void {
  process.on('message', async (tasks: Task[]) => {
    for (const task of tasks) {
      const result = evaluate(task);
      await new Promise((resolve) => process.send?.({ result }, resolve));
    }
    process.disconnect();
  });
}

const fixed = (value: number, digits = 4) => value.toFixed(digits);

/** The per-family table and a summary line, as Markdown. */
export function formatFamilies(results: FamilyResult[]): string {
  const lines = [
    '| family | n | K | truth | MAE ours | MAE beta-binomial | MAE power law | ours / better | coverage | mean width | selected | P(unsolvable) | P(wide α) | P(two Betas) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|',
  ];
  for (const r of results) {
    const better = Math.min(r.error.betaBinomial, r.error.powerLaw);
    const selected = Object.entries(r.selected)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    lines.push(
      `| ${r.family} | ${r.n} | ${r.k} | ${fixed(r.truth, 3)} | ${fixed(r.error.ours)} | ${fixed(r.error.betaBinomial)} | ${fixed(r.error.powerLaw)} | ${fixed(r.error.ours / better, 2)} | ${fixed(r.coverage, 2)} | ${fixed(r.width, 3)} | ${selected} | ${fixed(r.evidence.unsolvable, 2)} | ${fixed(r.evidence.wideAlpha, 2)} | ${fixed(r.evidence.twoGroups, 2)} |`,
    );
  }
  const groups = new Map<string, FamilyResult[]>();
  for (const r of results) groups.set(`${r.n} ${r.k}`, [...(groups.get(`${r.n} ${r.k}`) ?? []), r]);
  lines.push('');
  lines.push('| n | K | mean MAE ours | mean of better baseline | ratio of means | worst ratio | lowest coverage |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const [key, group] of groups) {
    const [n, k] = key.split(' ');
    const average = (f: (r: FamilyResult) => number) => group.reduce((s, r) => s + f(r), 0) / group.length;
    const ours = average((r) => r.error.ours);
    const better = average((r) => Math.min(r.error.betaBinomial, r.error.powerLaw));
    const worst = Math.max(...group.map((r) => r.error.ours / Math.min(r.error.betaBinomial, r.error.powerLaw)));
    const coverage = Math.min(...group.map((r) => r.coverage));
    lines.push(
      `| ${n} | ${k} | ${fixed(ours)} | ${fixed(better)} | ${fixed(ours / better, 2)} | ${fixed(worst, 2)} | ${fixed(coverage, 2)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '20' },
      cases: { type: 'string', default: '100' },
      n: { type: 'string', default: '100' },
      kn: { type: 'string', default: '100' },
      families: { type: 'string' },
      workers: { type: 'string', default: '1' },
      prior: { type: 'string' },
      mixture: { type: 'string', default: 'true' },
    },
  });
  const list = (text: string) => text.split(',').map(Number);
  const wanted = values.families?.split(',');
  const families = FAMILIES.filter(({ name }) => wanted === undefined || wanted.includes(name));
  const prior = values.prior === undefined ? undefined : (JSON.parse(values.prior) as Partial<BetaBinomialPrior>);
  const tasks: Task[] = families.flatMap(({ name }) =>
    list(values.n).flatMap((n) =>
      list(values.kn).map((kn) => ({
        family: name,
        n,
        kn,
        seeds: Number(values.seeds),
        cases: Number(values.cases),
        mixture: values.mixture !== 'false',
        ...(prior ? { prior } : {}),
      })),
    ),
  );
  const started = Date.now();
  const results: FamilyResult[] = [];
  const report = (result: FamilyResult) => {
    results.push(result);
    const elapsed = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `[${results.length}/${tasks.length}, ${elapsed}s] ${result.family} n=${result.n} K=${result.k}: ours ${fixed(result.error.ours)}, bb ${fixed(result.error.betaBinomial)}, pl ${fixed(result.error.powerLaw)}, coverage ${fixed(result.coverage, 2)}\n`,
    );
  };
  const workers = Math.max(1, Math.min(Number(values.workers), tasks.length));
  if (workers === 1) {
    for (const task of tasks) report(evaluate(task));
  } else {
    await Promise.all(
      Array.from({ length: workers }, (_, w) => {
        const share = tasks.filter((_, i) => i % workers === w);
        return new Promise<void>((resolve, reject) => {
          const child = fork(fileURLToPath(import.meta.url), ['--worker'], { execArgv: ['--import', 'tsx'] });
          child.on('message', (message: { result: FamilyResult }) => report(message.result));
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
          child.send(share);
        });
      }),
    );
  }
  const order = (r: FamilyResult) => tasks.findIndex((t) => t.family === r.family && t.n === r.n && t.n * t.kn === r.k);
  results.sort((a, b) => order(a) - order(b));
  process.stdout.write(`${formatFamilies(results)}\n`);
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
}

if (process.argv.includes('--worker')) runWorker();
else await main();
