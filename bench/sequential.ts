// Sequential decisions benchmark: simulated suites whose true metric sits at, or away from, an expectation's
// threshold, tested round after round with the betting test of src/stats/sequential up to the cap.
// Run: npx tsx bench/sequential.ts [--suites 10000 --cases 10 --cap 200 --alpha 0.05 --threshold 0.6 --k 1]
// Progress goes to stderr, a Markdown table to stdout.
import { parseArgs } from 'node:util';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { planSampleSize } from '../src/stats/plan-sample-size.js';
import { createSeededRandom } from '../src/stats/seeded-random.js';
import {
  addRound,
  type BlockSample,
  isSettled,
  type SequentialTarget,
  startSequentialTest,
} from '../src/stats/sequential/index.js';

const { values } = parseArgs({
  options: {
    suites: { type: 'string', default: '10000' },
    cases: { type: 'string', default: '10' },
    cap: { type: 'string', default: '200' },
    alpha: { type: 'string', default: '0.05' },
    threshold: { type: 'string', default: '0.6' },
    k: { type: 'string', default: '1' },
    distances: { type: 'string', default: '-0.3,-0.2,-0.1,0.1,0.2,0.3' },
    seed: { type: 'string', default: '22' },
  },
});
const suites = Number(values.suites);
const caseCount = Number(values.cases);
const cap = Number(values.cap);
const alpha = Number(values.alpha);
const threshold = Number(values.threshold);
const k = Number(values.k);
const distances = values.distances.split(',').map(Number);
const random = createSeededRandom(Number(values.seed));
const target: SequentialTarget = { metric: { name: 'pass@k', k }, operator: '>=', threshold };

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const caseMetric = (p: number) => 1 - (1 - p) ** k;

/** A standard gamma draw (Marsaglia and Tsang), for Beta draws of the cases' success probabilities. */
function gamma(shape: number): number {
  if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = random() || Number.MIN_VALUE;
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * A suite of cases whose success probabilities vary (Beta(2, 2) on the logit scale around the truth), shifted on
 * the logit scale until the suite's metric (the mean over its cases) is exactly `truth`.
 */
function suiteAt(truth: number): number[] {
  const base = Array.from({ length: caseCount }, () => {
    const a = gamma(2);
    const p = a / (a + gamma(2));
    return logit(Math.min(Math.max(p, 1e-4), 1 - 1e-4));
  });
  let low = -30;
  let high = 30;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    const value = base.reduce((sum, x) => sum + caseMetric(sigmoid(x + middle)), 0) / caseCount;
    if (value < truth) low = middle;
    else high = middle;
  }
  return base.map((x) => sigmoid(x + (low + high) / 2));
}

/**
 * What continuous monitoring does to a fixed-n test: a z-test at α of the pooled success rate, looked at after every
 * round to the cap, deciding at the first look whose interval excludes the threshold. Returns whether it decided.
 */
function naiveMonitoring(probabilities: readonly number[]): boolean {
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  let successes = 0;
  for (let round = 1; round * k <= cap; round++) {
    for (const p of probabilities) for (let draw = 0; draw < k; draw++) if (random() < p) successes++;
    const n = round * k * caseCount;
    const rate = successes / n;
    if (Math.abs(rate - threshold) > z * Math.sqrt(Math.max(rate * (1 - rate), 1e-12) / n)) return true;
  }
  return false;
}

/** One suite tested round after round to the cap: its decision and the samples per case it drew. */
function runSuite(probabilities: readonly number[]): { decision: string; samplesPerCase: number } {
  let test = startSequentialTest([target], alpha);
  const maxRounds = Math.floor(cap / test.blockSize);
  while (test.rounds < maxRounds && !isSettled(test)) {
    const blocks = probabilities.map((p) =>
      Array.from({ length: test.blockSize }, (): BlockSample => {
        const success = random() < p;
        return { score: success ? 1 : 0, success };
      }),
    );
    test = addRound(test, blocks);
  }
  return { decision: test.targets[0]?.decision ?? 'undecided', samplesPerCase: test.rounds * test.blockSize };
}

/** The samples per case a fixed-n two-sided z-test at α needs to decide, with probability 1 − α, a gap δ. */
function fixedSamplesPerCase(effect: number, withinCaseVariance: number): number {
  return planSampleSize({
    effect,
    betweenCaseVariance: 0,
    withinCaseVariance,
    alpha,
    power: 1 - alpha,
    cases: caseCount,
  }).samplesPerCase;
}

/** The mean within-case variance of a k-sample block's value over suites at `truth`. */
function meanVariance(truth: number, count: number): number {
  let total = 0;
  for (let suite = 0; suite < count; suite++) {
    const probabilities = suiteAt(truth);
    total += probabilities.reduce((sum, p) => sum + caseMetric(p) * (1 - caseMetric(p)), 0) / caseCount;
  }
  return total / count;
}

// The fixed n a suite planned to decide every truth at least 0.1 away must take: the larger of the two sides' n.
const fixedAtTenth =
  Math.max(
    fixedSamplesPerCase(0.1, meanVariance(threshold - 0.1, 1000)),
    fixedSamplesPerCase(0.1, meanVariance(threshold + 0.1, 1000)),
  ) * k;

const rows: string[] = [];
let mostSamples = 0;
// At the threshold: every decision is wrong.
{
  let decided = 0;
  let naive = 0;
  for (let suite = 0; suite < suites; suite++) {
    const probabilities = suiteAt(threshold);
    // The pooled success rate is pass@1's estimate: the comparison is made for k = 1 only.
    if (k === 1 && naiveMonitoring(probabilities)) naive++;
    const result = runSuite(probabilities);
    mostSamples = Math.max(mostSamples, result.samplesPerCase);
    if (result.decision !== 'undecided') decided++;
    if (suite % 2000 === 1999) process.stderr.write(`at the threshold: ${suite + 1} suites\n`);
  }
  rows.push(
    `| at the threshold (${threshold}) | ${suites} | ${(decided / suites).toFixed(4)} (any decision) | — | — | — | — | — |`,
  );
  if (k === 1) {
    process.stdout.write(
      `A fixed-n z-test at ${alpha}, looked at after every round to the cap, decides ${(naive / suites).toFixed(4)} of these suites.\n\n`,
    );
  }
}
for (const distance of distances) {
  const truth = threshold + distance;
  let right = 0;
  let wrong = 0;
  let samples = 0;
  let variance = 0;
  for (let suite = 0; suite < suites; suite++) {
    const probabilities = suiteAt(truth);
    // The variance of one case's k-sample block value (Bernoulli with the case's pass@k), averaged over cases.
    variance += probabilities.reduce((sum, p) => sum + caseMetric(p) * (1 - caseMetric(p)), 0) / caseCount;
    const result = runSuite(probabilities);
    mostSamples = Math.max(mostSamples, result.samplesPerCase);
    samples += result.samplesPerCase;
    const expected = truth >= threshold ? 'pass' : 'fail';
    if (result.decision === expected) right++;
    else if (result.decision !== 'undecided') wrong++;
  }
  const meanSamples = samples / suites;
  // Fixed n for blocks of k samples: the block count the z-test needs, times k.
  const fixedHere = fixedSamplesPerCase(Math.abs(distance), variance / suites) * k;
  process.stderr.write(`distance ${distance}: mean ${meanSamples.toFixed(1)} samples per case\n`);
  rows.push(
    `| ${distance > 0 ? '+' : ''}${distance} (truth ${truth.toFixed(2)}) | ${suites} | ${(wrong / suites).toFixed(4)} | ${(right / suites).toFixed(4)} | ${meanSamples.toFixed(1)} | ${fixedHere} (×${(fixedHere / meanSamples).toFixed(2)}) | ${fixedAtTenth} (×${(fixedAtTenth / meanSamples).toFixed(2)}) | ${cap} (×${(cap / meanSamples).toFixed(2)}) |`,
  );
}
process.stdout.write(
  `pass@${k} >= ${threshold}, ${caseCount} cases per suite, error rate ${alpha}, cap ${cap} samples per case; most samples per case used: ${mostSamples}\n\n`,
);
process.stdout.write(
  '| truth − threshold | suites | decided wrongly | decided rightly | mean samples per case | fixed n at this distance (ratio) | fixed n for ≥ 0.1 (ratio) | cap (ratio) |\n',
);
process.stdout.write('|---|--:|--:|--:|--:|--:|--:|--:|\n');
for (const row of rows) process.stdout.write(`${row}\n`);
if (mostSamples > cap) throw new Error(`a suite drew ${mostSamples} samples per case, more than the cap ${cap}`);
