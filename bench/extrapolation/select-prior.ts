/**
 * Chooses the prior of the distributional model across the union of the development data (39 Pythia models)
 * and the simulated families of sim-families.ts, never on the Pythia models alone. For each candidate prior of a
 * small grid it predicts pass@10,000 from 100 draws per case (posterior medians, as `extrapolate` returns) on
 * `seeds` subsamples of every Pythia model and `seeds` suites of every family, and scores each group (Pythia as one
 * group, each family as one) by its mean absolute error divided by the better baseline's (plain ML beta-binomial,
 * least-squares power law) on the same suites. The criterion is the mean of these ratios over the 13 groups; the
 * candidate with the least is the default. For each Pythia model, the candidate chosen with that model left out
 * of the Pythia group is its leave-one-model-out prior (what bench/extrapolation.ts scores it with).
 * Writes bench/extrapolation/prior-selection.json and prints a summary.
 *
 *   npx tsx bench/extrapolation/select-prior.ts [--seeds 6]
 *   npx biome format --write bench/extrapolation/prior-selection.json
 *
 * About 6 minutes on one core at 6 seeds.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BetaBinomialPosterior } from '../../src/stats/extrapolation/beta-binomial-posterior.js';
import { tallyCases } from '../../src/stats/extrapolation/count-table.js';
import { posteriorMedians } from '../../src/stats/extrapolation/posterior-median-prediction.js';
import type { BetaBinomialPrior } from '../../src/stats/extrapolation/types.js';
import { createSeededRandom } from '../../src/stats/seeded-random.js';
import { betaBinomialBaseline, powerLawBaseline } from './baselines.js';
import { benchModels, benchSubsample, fullDataPassAtK } from './evaluate-model.js';
import { drawCounts, drawPs, FAMILIES, truePassAtK } from './sim-families.js';

const K = 10_000;
const OUTPUT = fileURLToPath(new URL('./prior-selection.json', import.meta.url));

/** A candidate prior; `alphaTail` is null (normal tails on ln α), kept for the format bench/extrapolation.ts reads. */
export interface Candidate {
  prior: BetaBinomialPrior;
  alphaTail: number | null;
}

/**
 * The candidates: a tight component on ln α (median 0.2 or 0.4, sd 0.35) mixed with a wide one (median 0.6 or
 * 1.2, sd 1.2) taking share 0.5, 0.7 or all of the prior; rate λ of the slab on π0 of 1, 3 or 10; and prior
 * probability 0.2 or 0.35 that π0 = 0.
 */
export const CANDIDATES: Candidate[] = [0.2, 0.4].flatMap((alphaMedian) =>
  [0.5, 0.7, 1].flatMap((weight) =>
    [0.6, 1.2].flatMap((median) =>
      [1, 3, 10].flatMap((zeroMassRate) =>
        [0.2, 0.35].map((zeroPointMass) => ({
          prior: {
            alphaMedian,
            alphaLogSd: 0.35,
            zeroMassRate,
            zeroPointMass,
            alphaMixture: { weight, median, logSd: 1.2 },
          },
          alphaTail: null,
        })),
      ),
    ),
  ),
);

/** What prior-selection.json holds. */
export interface PriorSelection {
  candidates: Candidate[];
  /** The groups scored: 'pythia' and each family. */
  groups: string[];
  /** Per candidate, per group, the ratio of its mean absolute error at 10,000 to the better baseline's. */
  ratios: number[][];
  /** Per candidate, the criterion (the mean of its ratios over the groups). */
  criterion: number[];
  /** The candidate with the least criterion. */
  best: number;
  /** Per Pythia model, the candidate with the least criterion when that model is left out of the Pythia group. */
  leaveOneOut: Record<string, number>;
}

interface Suite {
  group: string;
  model?: string;
  counts: { n: number; c: number }[];
  truth: number;
  /** The absolute errors of the two baselines. */
  betaBinomial: number;
  powerLaw: number;
}

function suites(seeds: number): Suite[] {
  const list: Suite[] = [];
  const add = (group: string, counts: { n: number; c: number }[], truth: number, model?: string) => {
    const errorOf = (prediction: number[]) => Math.abs((prediction[0] as number) - truth);
    const betaBinomial = errorOf(betaBinomialBaseline(counts, [K]));
    const powerLaw = errorOf(powerLawBaseline(counts, [K]));
    list.push({ group, counts, truth, betaBinomial, powerLaw, ...(model === undefined ? {} : { model }) });
  };
  for (const { model, cases } of benchModels()) {
    const truth = fullDataPassAtK(cases, [K])[0] as number;
    for (let seed = 0; seed < seeds; seed++) add('pythia', benchSubsample(cases, seed), truth, model);
  }
  for (const family of FAMILIES) {
    for (let seed = 0; seed < seeds; seed++) {
      const random = createSeededRandom(104_729 * (seed + 1) + 100);
      const ps = drawPs(family, 100, random);
      add(family.name, drawCounts(ps, 100, random), truePassAtK(ps, K));
    }
  }
  return list;
}

/**
 * Per group, the mean error of ours over that of the better baseline (the one with the lower mean on the group),
 * leaving out the suites of `without` (a Pythia model).
 */
function criterion(errors: number[], list: Suite[], groups: string[], without?: string): number[] {
  return groups.map((group) => {
    let ours = 0;
    let betaBinomial = 0;
    let powerLaw = 0;
    list.forEach((suite, i) => {
      if (suite.group !== group || (without !== undefined && suite.model === without)) return;
      ours += errors[i] as number;
      betaBinomial += suite.betaBinomial;
      powerLaw += suite.powerLaw;
    });
    return ours / Math.min(betaBinomial, powerLaw);
  });
}

function main(): void {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '6' } } });
  const list = suites(Number(values.seeds));
  const groups = ['pythia', ...FAMILIES.map(({ name }) => name)];
  const models = [...new Set(list.flatMap(({ model }) => (model === undefined ? [] : [model])))];
  const started = Date.now();
  const errors = CANDIDATES.map(({ prior }, at) => {
    const random = createSeededRandom(at);
    const row = list.map(({ counts, truth }) => {
      const table = tallyCases(counts);
      const posterior = new BetaBinomialPosterior(table, [K], prior);
      const medians = posteriorMedians(posterior, table.multiplicities, 1000, random);
      return Math.abs((medians.passAtK[0] as number) - truth);
    });
    const elapsed = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(`[${at + 1}/${CANDIDATES.length}, ${elapsed}s] ${JSON.stringify(prior)}\n`);
    return row;
  });
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const ratios = errors.map((row) => criterion(row, list, groups));
  const scores = ratios.map(mean);
  const argmin = (values: number[]) => values.indexOf(Math.min(...values));
  const best = argmin(scores);
  const leaveOneOut = Object.fromEntries(
    models.map((model) => [model, argmin(errors.map((row) => mean(criterion(row, list, groups, model))))]),
  );
  const selection: PriorSelection = { candidates: CANDIDATES, groups, ratios, criterion: scores, best, leaveOneOut };
  writeFileSync(OUTPUT, `${JSON.stringify(selection)}\n`);
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  for (const at of order.slice(0, 8)) {
    const row = ratios[at] as number[];
    process.stdout.write(
      `${(scores[at] as number).toFixed(3)} worst ${Math.max(...row).toFixed(2)} pythia ${(row[0] as number).toFixed(2)} ${JSON.stringify(CANDIDATES[at]?.prior)}\n`,
    );
  }
  const chosen = Object.values(leaveOneOut);
  process.stdout.write(
    `best ${best}; leave-one-model-out chose it for ${chosen.filter((at) => at === best).length} of ${chosen.length} models\n`,
  );
}

main();
