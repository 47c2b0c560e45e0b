// Adaptive sampling benchmark: on the simulator's profiles, how many samples the adaptive planner needs to reach
// the sampling-interval width that uniform sampling reaches with N samples per case.
// Run: npx tsx bench/adaptive.ts [--cases 100 --samples 100 --seeds 10 --cap 1000 --profiles small,medium,large]
// Progress goes to stderr, a Markdown table to stdout.
import { parseArgs } from 'node:util';
import {
  estimatorVariance,
  type NamedCaseCounts,
  sampleAdaptively,
  samplingWidth,
} from '../src/engine/adaptive/index.js';
import { zOf } from '../src/engine/adaptive/sampling-width.js';
import { deriveSeed } from '../src/engine/derive-seed.js';
import { caseProbability } from '../src/interpreters/sim/case-probability.js';
import { createSimInterpreter } from '../src/interpreters/sim/sim-interpreter.js';
import { simProfiles } from '../src/interpreters/sim/sim-profile.js';
import { valueToText } from '../src/lang/render-template.js';
import type { CountMetric } from '../src/program/program.js';
import { hashToUint31 } from '../src/util/stable-hash.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100' },
    samples: { type: 'string', default: '100' },
    seeds: { type: 'string', default: '10' },
    cap: { type: 'string', default: '1000' },
    profiles: { type: 'string', default: 'small,medium,large' },
    metrics: { type: 'string', default: 'pass@1,pass@10' },
  },
});
const caseCount = Number(values.cases);
const uniformSamples = Number(values.samples);
const seedCount = Number(values.seeds);
const cap = Number(values.cap);
const metrics: CountMetric[] = values.metrics.split(',').map((text) => {
  const match = /^pass(@|\^)(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--metrics: expected pass@k or pass^k, got ${text}`);
  return { name: match[1] === '@' ? 'pass@k' : 'pass^k', k: Number(match[2]) };
});
const metricText = (metric: CountMetric) => `${metric.name === 'pass@k' ? 'pass@' : 'pass^'}${metric.k}`;
const z = zOf(0.95);

/**
 * One simulated suite: `caseCount` cases of a program named after the seed, whose outcomes are the simulator's
 * own answers (its `interpret`, checked exactly against the expected value) at the seeds the engine derives for
 * each (case, sample index). Outcomes are cached, so uniform and adaptive sampling see the same samples: the
 * adaptive run's first n samples of a case are the uniform run's first n.
 */
class SimulatedSuite {
  readonly programName: string;
  readonly programHash: string;
  readonly caseIds: string[];
  readonly probabilities: number[];
  readonly #interpreter;
  readonly #outcomes: boolean[][];

  constructor(
    profileName: string,
    readonly seed: number,
  ) {
    const profile = simProfiles[profileName];
    if (!profile) throw new Error(`unknown profile ${profileName}`);
    this.programName = `adaptive-bench-${seed}`;
    this.programHash = String(hashToUint31('adaptive-bench', seed));
    this.caseIds = Array.from({ length: caseCount }, (_, index) => `c${index}`);
    this.probabilities = this.caseIds.map((caseId) => caseProbability(profile, this.programName, caseId));
    this.#interpreter = createSimInterpreter(profile);
    this.#outcomes = this.caseIds.map(() => []);
  }

  /** The successes among samples [from, from + count) of case `position`. */
  async successes(position: number, from: number, count: number): Promise<number> {
    const outcomes = this.#outcomes[position] as boolean[];
    const caseId = this.caseIds[position] as string;
    const expected = `answer-${caseId}`;
    while (outcomes.length < from + count) {
      const index = outcomes.length;
      const result = await this.#interpreter.interpret(
        {
          messages: [{ role: 'user', content: `Say ${expected}.` }],
          settings: {},
          origin: { programName: this.programName, caseId, expected },
        },
        { seed: deriveSeed(this.programHash, caseId, index, this.seed) },
      );
      outcomes.push(result.text === valueToText(expected));
    }
    let c = 0;
    for (let index = from; index < from + count; index++) if (outcomes[index]) c++;
    return c;
  }

  /** The width of the sampling interval computed from the true p of each case: what the estimate really has. */
  trueWidth(metric: CountMetric, counts: readonly NamedCaseCounts[]): number {
    let variance = 0;
    counts.forEach(({ n }, position) => {
      variance += estimatorVariance(metric, n, this.probabilities[position] as number);
    });
    return (2 * z * Math.sqrt(variance)) / counts.length;
  }
}

interface SeedResult {
  targetWidth: number;
  uniformEstimatedWidth: number;
  adaptiveTrueWidth: number;
  adaptiveSamples: number;
  oracleSamples: number;
  batches: number;
  reason: string;
  atCap: number;
  milliseconds: number;
}

/** The widest of the metrics' true sampling intervals: what one `--target-width` has to bound. */
function widestTrueWidth(suite: SimulatedSuite, counts: readonly NamedCaseCounts[]): number {
  return Math.max(...metrics.map((metric) => suite.trueWidth(metric, counts)));
}

/**
 * A lower bound for any allocation that starts from the same first samples: the greedy allocation with each case's
 * true p known (exact variances), run until every metric's true width is at most the target.
 */
function oracleSamples(suite: SimulatedSuite, initial: number, targetWidth: number): number {
  const targetSum = (targetWidth * caseCount) ** 2 / (2 * z) ** 2;
  const counts = suite.probabilities.map(() => initial);
  const variance = (position: number, metric: CountMetric, n: number) =>
    n > cap ? Number.NaN : estimatorVariance(metric, n, suite.probabilities[position] as number);
  const sums = metrics.map((metric) =>
    suite.probabilities.reduce((sum, _, position) => sum + variance(position, metric, initial), 0),
  );
  let total = initial * caseCount;
  const gainOf = (position: number) => {
    const n = counts[position] as number;
    if (n >= cap) return Number.NEGATIVE_INFINITY;
    let gain = 0;
    metrics.forEach((metric, index) => {
      if ((sums[index] as number) > targetSum)
        gain += variance(position, metric, n) - variance(position, metric, n + 1);
    });
    return gain;
  };
  let gains = counts.map((_, position) => gainOf(position));
  while (sums.some((sum) => sum > targetSum)) {
    let best = 0;
    gains.forEach((gain, position) => {
      if (gain > (gains[best] as number)) best = position;
    });
    if (gains[best] === Number.NEGATIVE_INFINITY) break;
    const n = counts[best] as number;
    const before = sums.map((sum) => sum > targetSum);
    metrics.forEach((metric, index) => {
      sums[index] = (sums[index] as number) - variance(best, metric, n) + variance(best, metric, n + 1);
    });
    counts[best] = n + 1;
    total++;
    if (sums.some((sum, index) => before[index] && sum <= targetSum))
      gains = counts.map((_, position) => gainOf(position));
    else gains[best] = gainOf(best);
  }
  return total;
}

async function runSeed(profileName: string, seed: number): Promise<SeedResult> {
  const suite = new SimulatedSuite(profileName, seed);
  const uniform: NamedCaseCounts[] = [];
  for (let position = 0; position < caseCount; position++) {
    const c = await suite.successes(position, 0, uniformSamples);
    uniform.push({ caseId: suite.caseIds[position] as string, n: uniformSamples, c });
  }
  // The target: the width uniform sampling truly reaches (from the true p), for the widest metric, since one
  // `--target-width` bounds them all. The planner does not know p: it stops on its own estimate of the widths.
  const targetWidth = widestTrueWidth(suite, uniform);
  const uniformEstimatedWidth = Math.max(...metrics.map((metric) => samplingWidth(metric, uniform).width));
  const positions = new Map(suite.caseIds.map((caseId, position) => [caseId, position]));
  const started = performance.now();
  const result = await sampleAdaptively(
    {
      metrics,
      cases: suite.caseIds.map((caseId) => ({ caseId, n: 0, c: 0 })),
      targetWidth,
      maxSamplesPerCase: cap,
    },
    async (batch, cases) => {
      const drawn: NamedCaseCounts[] = [];
      for (const { caseId, more } of batch) {
        const position = positions.get(caseId) as number;
        const from = (cases[position] as NamedCaseCounts).n;
        drawn.push({ caseId, n: more, c: await suite.successes(position, from, more) });
      }
      return drawn;
    },
  );
  const milliseconds = performance.now() - started;
  const initial = Math.max(10, ...metrics.map(({ k }) => k));
  return {
    targetWidth,
    uniformEstimatedWidth,
    adaptiveTrueWidth: widestTrueWidth(suite, result.cases),
    adaptiveSamples: result.cases.reduce((sum, { n }) => sum + n, 0),
    oracleSamples: oracleSamples(suite, initial, targetWidth),
    batches: result.batches,
    reason: result.reason,
    atCap: result.cases.filter(({ n }) => n >= cap).length,
    milliseconds,
  };
}

const mean = (numbers: readonly number[]) => numbers.reduce((sum, value) => sum + value, 0) / numbers.length;
const sd = (numbers: readonly number[]) => {
  const average = mean(numbers);
  return Math.sqrt(numbers.reduce((sum, value) => sum + (value - average) ** 2, 0) / Math.max(1, numbers.length - 1));
};
const fixed = (value: number, digits: number) => value.toFixed(digits);

const rows: string[] = [];
const uniformTotal = caseCount * uniformSamples;
for (const profileName of values.profiles.split(',')) {
  const results: SeedResult[] = [];
  for (let seed = 1; seed <= seedCount; seed++) {
    const result = await runSeed(profileName, seed);
    results.push(result);
    process.stderr.write(
      `${profileName} seed ${seed}: target ${fixed(result.targetWidth, 4)}, adaptive ${result.adaptiveSamples} ` +
        `samples (${fixed(result.adaptiveSamples / uniformTotal, 3)}), true width ${fixed(result.adaptiveTrueWidth, 4)}, ` +
        `oracle ${result.oracleSamples}, ${result.batches} batches, ${result.reason}, ` +
        `${Math.round(result.milliseconds)} ms\n`,
    );
  }
  const ratios = results.map(({ adaptiveSamples }) => adaptiveSamples / uniformTotal);
  const oracleRatios = results.map(({ oracleSamples }) => oracleSamples / uniformTotal);
  const widthRatios = results.map(({ adaptiveTrueWidth, targetWidth }) => adaptiveTrueWidth / targetWidth);
  const reasons = [...new Set(results.map(({ reason }) => reason))].join(', ');
  rows.push(
    `| ${profileName} | ${fixed(mean(results.map(({ targetWidth }) => targetWidth)), 4)} | ` +
      `${fixed(mean(results.map(({ uniformEstimatedWidth }) => uniformEstimatedWidth)), 4)} | ${uniformTotal} | ` +
      `${Math.round(mean(results.map(({ adaptiveSamples }) => adaptiveSamples)))} | ` +
      `**${fixed(mean(ratios), 3)}** ± ${fixed(sd(ratios), 3)} | ${fixed(Math.max(...ratios), 3)} | ` +
      `${fixed(mean(oracleRatios), 3)} | ${fixed(mean(widthRatios), 3)} (max ${fixed(Math.max(...widthRatios), 3)}) | ` +
      `${fixed(mean(results.map(({ batches }) => batches)), 1)} | ${fixed(mean(results.map(({ atCap }) => atCap)), 1)} | ${reasons} |`,
  );
}

const metricList = metrics.map(metricText).join(' and ');
console.log(
  [
    `Metrics ${metricList}; ${caseCount} cases; uniform: ${uniformSamples} samples per case; adaptive: defaults ` +
      `(Jeffreys prior, ${Math.max(10, ...metrics.map(({ k }) => k))} first samples per case, batches at most doubling ` +
      `the run), cap ${cap} per case; ${seedCount} seeds per profile.`,
    '',
    '| profile | target: true width of uniform | uniform, estimated width | uniform samples | adaptive samples (mean) | ratio (mean ± sd) | worst ratio | oracle ratio | adaptive true width / target | batches | cases at cap | end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n'),
);
