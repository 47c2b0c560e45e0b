/**
 * Benchmark of `extrapolate` (issue 4, acceptance point 3): for each model in
 * data/pythia_checkpoints_gsm8k_varn.csv with n ≥ 10,000 on every problem, draw 100 outcomes per
 * problem without replacement (20 seeds), predict pass@1,000 and pass@10,000, and compare with pass@K from all n.
 *
 *   npx tsx bench/extrapolation.ts [--seeds 20] [--workers 2] [--models a,b] [--prior leave-one-out|default]
 *
 * By default each model is predicted with the prior chosen without it (leave-one-model-out, from
 * bench/extrapolation/prior-selection.json, written by bench/extrapolation/select-prior.ts); `--prior default`
 * uses `extrapolate`'s default prior for every model instead.
 * Prints Markdown tables to stdout and progress to stderr.
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_ALPHA_TAIL } from '../src/stats/extrapolation/beta-binomial-posterior.js';
import type { BetaBinomialPrior } from '../src/stats/extrapolation/index.js';
import {
  type BenchSettings,
  benchModels,
  DATA,
  evaluateModel,
  type ModelResult,
} from './extrapolation/evaluate-model.js';
import { formatReport } from './extrapolation/format-report.js';
import type { ModelCounts } from './extrapolation/read-counts.js';
import type { PriorSelection } from './extrapolation/select-prior.js';

const SELECTION = fileURLToPath(new URL('./extrapolation/prior-selection.json', import.meta.url));

interface Job {
  models: ModelCounts[];
  settings: BenchSettings;
}

function runWorker(): void {
  process.on('message', async (job: Job) => {
    for (const model of job.models) {
      const result = evaluateModel(model, job.settings);
      await new Promise((resolve) => process.send?.({ result }, resolve));
    }
    process.disconnect();
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '20' },
      workers: { type: 'string', default: '2' },
      models: { type: 'string' },
      prior: { type: 'string', default: 'leave-one-out' },
    },
  });
  if (!existsSync(DATA)) {
    process.stderr.write(`no data at ${DATA}: the benchmark reads data/ of the repository\n`);
    process.exit(1);
  }
  const settings: BenchSettings = { ks: [1000, 10000], seeds: Number(values.seeds), draws: 100, level: 0.9 };
  if (values.prior === 'leave-one-out') {
    if (!existsSync(SELECTION)) {
      process.stderr.write(`no ${SELECTION}: run bench/extrapolation/select-prior.ts first, or pass --prior default\n`);
      process.exit(1);
    }
    const selection = JSON.parse(readFileSync(SELECTION, 'utf8')) as PriorSelection;
    // extrapolate takes the prior's numbers; the tails of ln α's prior are fixed (DEFAULT_ALPHA_TAIL), so a
    // model whose leave-one-out candidate has other tails is reported and run with the default ones.
    settings.priors = Object.fromEntries(
      Object.entries(selection.leaveOneOut).map(([model, at]) => [
        model,
        selection.candidates[at]?.prior as BetaBinomialPrior,
      ]),
    );
    const otherTails = Object.entries(selection.leaveOneOut).filter(
      ([, at]) => (selection.candidates[at]?.alphaTail ?? Number.POSITIVE_INFINITY) !== DEFAULT_ALPHA_TAIL,
    );
    if (otherTails.length > 0) {
      process.stderr.write(`leave-one-out chose other tails for ${otherTails.map(([m]) => m).join(', ')}\n`);
    }
  } else if (values.prior !== 'default') {
    process.stderr.write(`--prior must be leave-one-out or default, got ${values.prior}\n`);
    process.exit(1);
  }
  const wanted = values.models?.split(',');
  const models = benchModels().filter(({ model }) => wanted === undefined || wanted.includes(model));
  process.stderr.write(`${models.length} models with n ≥ 10,000 on every problem, ${settings.seeds} seeds each\n`);
  const workers = Math.max(1, Math.min(Number(values.workers), models.length));
  const started = Date.now();
  const results: ModelResult[] = [];
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const share = models.filter((_, i) => i % workers === w);
      return new Promise<void>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ['--worker'], { execArgv: ['--import', 'tsx'] });
        child.on('message', (message: { result: ModelResult }) => {
          results.push(message.result);
          const elapsed = ((Date.now() - started) / 1000).toFixed(0);
          process.stderr.write(`[${results.length}/${models.length}, ${elapsed}s] ${message.result.model}\n`);
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited with ${code}`))));
        child.send({ models: share, settings } satisfies Job);
      });
    }),
  );
  results.sort((a, b) => a.model.localeCompare(b.model));
  process.stdout.write(`${formatReport(results, settings)}\n`);
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
}

if (process.argv.includes('--worker')) runWorker();
else await main();
