/**
 * Chooses the prior of the distributional model by leave-one-model-out, without looking at the model it is
 * scored on. For every model of the benchmark and each candidate prior of a small grid, predicts pass@1,000 and
 * pass@10,000 from the benchmark's subsamples (posterior medians, as `extrapolate` returns) and scores the mean
 * absolute error at 10,000 against the full data. Then, for each model, the candidate with the least error over
 * the other models is that model's prior; the candidate with the least error over all models is the default.
 * Writes bench/extrapolation/prior-selection.json (read by bench/extrapolation.ts) and prints a summary.
 *
 *   npx tsx bench/extrapolation/select-prior.ts [--seeds 20] [--workers 2]
 *   npx biome format --write bench/extrapolation/prior-selection.json
 *
 * About 7 minutes on 2 cores.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BetaBinomialPosterior } from '../../src/stats/extrapolation/beta-binomial-posterior.js';
import { tallyCases } from '../../src/stats/extrapolation/count-table.js';
import { posteriorMedians } from '../../src/stats/extrapolation/posterior-median-prediction.js';
import type { BetaBinomialPrior } from '../../src/stats/extrapolation/types.js';
import { createSeededRandom } from '../../src/stats/seeded-random.js';
import { benchModels, benchSubsample, fullDataPassAtK } from './evaluate-model.js';
import type { ModelCounts } from './read-counts.js';

const KS = [1000, 10_000];
const TARGET = 1; // the index of K = 10,000 in KS: the K of the acceptance target
const OUTPUT = fileURLToPath(new URL('./prior-selection.json', import.meta.url));

/** A candidate: the prior (α median, scale of ln α, rate λ of the zero mass) and the tails of ln α's prior. */
export interface Candidate {
  prior: BetaBinomialPrior;
  /** Infinity for a normal prior on ln α, else the degrees of freedom of a Student-t. */
  alphaTail: number | null;
}

/** The candidates: 4 × 2 × 3 priors, each with normal and Student-t (4 degrees of freedom) tails on ln α. */
export const CANDIDATES: Candidate[] = [0.2, 0.3, 0.4, 0.5].flatMap((alphaMedian) =>
  [0.35, 0.7].flatMap((alphaLogSd) =>
    [4, 30, 100].flatMap((zeroMassRate) =>
      // JSON has no Infinity: null stands for the normal prior.
      [null, 4].map((alphaTail) => ({ prior: { alphaMedian, alphaLogSd, zeroMassRate }, alphaTail })),
    ),
  ),
);

/** What prior-selection.json holds. */
export interface PriorSelection {
  candidates: Candidate[];
  /** Mean absolute error at each K of each candidate over all models (in-sample), by candidate index. */
  error: number[][];
  /** The candidate with the least error at 10,000 over all models. */
  best: number;
  /** Per model, the candidate with the least error at 10,000 over the other models. */
  leaveOneOut: Record<string, number>;
  /** The mean absolute error at each K when each model is predicted with its leave-one-out candidate. */
  leaveOneOutError: number[];
  /** Per model, each candidate's mean absolute error at each K over the seeds. */
  scores: Record<string, number[][]>;
}

/** Per candidate and K, the model's mean absolute error over the seeds. */
function scoreModel({ cases }: ModelCounts, seeds: number): number[][] {
  const truth = fullDataPassAtK(cases, KS);
  const sums = CANDIDATES.map(() => KS.map(() => 0));
  for (let seed = 0; seed < seeds; seed++) {
    const table = tallyCases(benchSubsample(cases, seed));
    CANDIDATES.forEach(({ prior, alphaTail }, at) => {
      const posterior = new BetaBinomialPosterior(table, KS, prior, alphaTail ?? Number.POSITIVE_INFINITY);
      const { passAtK } = posteriorMedians(posterior, table.multiplicities, 1000, createSeededRandom(seed));
      const row = sums[at] as number[];
      KS.forEach((_, j) => {
        row[j] = (row[j] as number) + Math.abs((passAtK[j] as number) - (truth[j] as number)) / seeds;
      });
    });
  }
  return sums;
}

function runWorker(): void {
  process.on('message', async (job: { models: ModelCounts[]; seeds: number }) => {
    for (const model of job.models) {
      const scores = scoreModel(model, job.seeds);
      await new Promise((resolve) => process.send?.({ model: model.model, scores }, resolve));
    }
    process.disconnect();
  });
}

function argmin(values: number[]): number {
  return values.reduce((best, value, at) => (value < (values[best] as number) ? at : best), 0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seeds: { type: 'string', default: '20' }, workers: { type: 'string', default: '2' } },
  });
  const seeds = Number(values.seeds);
  const models = benchModels();
  const scores = new Map<string, number[][]>();
  const workers = Math.max(1, Math.min(Number(values.workers), models.length));
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const share = models.filter((_, i) => i % workers === w);
      return new Promise<void>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ['--worker'], { execArgv: ['--import', 'tsx'] });
        child.on('message', (message: { model: string; scores: number[][] }) => {
          scores.set(message.model, message.scores);
          process.stderr.write(`[${scores.size}/${models.length}] ${message.model}\n`);
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
        child.send({ models: share, seeds });
      });
    }),
  );
  const names = models.map(({ model }) => model);
  const total = (among: string[], at: number, j: number) =>
    among.reduce((sum, name) => sum + ((scores.get(name) as number[][])[at]?.[j] as number), 0) / among.length;
  const error = CANDIDATES.map((_, at) => KS.map((_, j) => total(names, at, j)));
  const best = argmin(error.map((row) => row[TARGET] as number));
  const leaveOneOut: Record<string, number> = {};
  for (const name of names) {
    const others = names.filter((other) => other !== name);
    leaveOneOut[name] = argmin(CANDIDATES.map((_, at) => total(others, at, TARGET)));
  }
  const leaveOneOutError = KS.map(
    (_, j) =>
      names.reduce(
        (sum, name) => sum + ((scores.get(name) as number[][])[leaveOneOut[name] as number]?.[j] as number),
        0,
      ) / names.length,
  );
  const selection: PriorSelection = {
    candidates: CANDIDATES,
    error,
    best,
    leaveOneOut,
    leaveOneOutError,
    scores: Object.fromEntries(scores),
  };
  writeFileSync(OUTPUT, `${JSON.stringify(selection, null, 1)}\n`);
  const lines = ['| α median | scale of ln α | λ | tails | MAE@1000 | MAE@10000 |', '|---:|---:|---:|---|---:|---:|'];
  const order = CANDIDATES.map((_, at) => at).sort(
    (x, y) => (error[x]?.[TARGET] as number) - (error[y]?.[TARGET] as number),
  );
  for (const at of order) {
    const { prior, alphaTail } = CANDIDATES[at] as Candidate;
    const [e1, e2] = error[at] as number[];
    const tails = alphaTail === null ? 'normal' : `t${alphaTail}`;
    lines.push(
      `| ${prior.alphaMedian} | ${prior.alphaLogSd} | ${prior.zeroMassRate} | ${tails} | ${e1?.toFixed(4)} | ${e2?.toFixed(4)} |`,
    );
  }
  const counts = new Map<number, number>();
  for (const at of Object.values(leaveOneOut)) counts.set(at, (counts.get(at) ?? 0) + 1);
  lines.push('');
  lines.push(
    `Leave-one-model-out choices: ${[...counts]
      .map(([at, count]) => `${JSON.stringify(CANDIDATES[at])} × ${count}`)
      .join(', ')}; MAE with them: ${leaveOneOutError.map((e) => e.toFixed(4)).join(' at 1000, ')} at 10000.`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv.includes('--worker')) runWorker();
else await main();
