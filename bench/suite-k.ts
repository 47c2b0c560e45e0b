// suite_k benchmark: how often the 90% intervals of suite_k@0.5 and of the capped mean E[min(max T, n + 1)] hold
// the truth, on suites of known p with n samples per case, per family of p and per model of the cases' p.
// Run: npx tsx bench/suite-k.ts [--reps 100 --n 100]
// A Markdown table to stdout.
import { parseArgs } from 'node:util';
import { createSeededRandom } from '../src/stats/seeded-random.js';
import {
  type CasePosteriorDraws,
  jeffreysPosteriorDraws,
  suiteCappedMeanOfProbabilities,
  suiteK,
  suiteKOfProbabilities,
  zeroInflatedPosteriorDraws,
} from '../src/stats/suite-k/index.js';

const { values } = parseArgs({ options: { reps: { type: 'string' }, n: { type: 'string' } } });
const reps = Number(values.reps ?? 100);
const n = Number(values.n ?? 100);

/** Families of p: a name, the cases, and a draw of one case's p from uniforms. */
const families: readonly { name: string; cases: number; draw: (random: () => number) => number }[] = [
  { name: 'uniform p in [0.03, 0.97], 20 cases', cases: 20, draw: (random) => 0.03 + 0.94 * random() },
  {
    name: 'mid p (a 2, b 2 shape, floor 0.02), 30 cases',
    cases: 30,
    draw: (random) => 0.02 + 0.96 * random() ** 0.5 * (1 - random() ** 0.5),
  },
  {
    name: 'many hard cases near p = 0.02, 20 cases',
    cases: 20,
    draw: (random) => 0.02 + 0.96 * random() ** 2 * (1 - random() ** (1 / 1.5)),
  },
  {
    name: 'most cases near p = 0.02, 20 cases',
    cases: 20,
    draw: (random) => 0.02 + 0.96 * random() ** (1 / 0.3) * (1 - random() ** (1 / 3)),
  },
];
/** The median of the ratios, as `12×` or `∞`. */
function medianSpan(spans: number[]): string {
  const sorted = [...spans].sort((x, y) => x - y);
  const middle = sorted[Math.floor(sorted.length / 2)] as number;
  return Number.isFinite(middle) ? `${middle.toPrecision(2)}×` : '∞';
}

const models: readonly [string, CasePosteriorDraws][] = [
  ['zero-inflated beta-binomial (default)', zeroInflatedPosteriorDraws],
  ['Jeffreys per case', jeffreysPosteriorDraws],
];

console.log(
  `| family | model | suite_k@0.5 covered | capped mean covered | estimate beyond n | upper end ∞ | median upper/lower of suite_k |`,
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const family of families) {
  for (const [modelName, posterior] of models) {
    const random = createSeededRandom(1);
    let quantileCovered = 0;
    let meanCovered = 0;
    let beyond = 0;
    let unbounded = 0;
    const spans: number[] = [];
    for (let r = 0; r < reps; r++) {
      const probabilities = Array.from({ length: family.cases }, () => family.draw(random));
      const counts = probabilities.map((p) => {
        let c = 0;
        for (let j = 0; j < n; j++) if (random() < p) c++;
        return { n, c };
      });
      const result = suiteK(counts, { level: 0.9, seed: r, draws: 200, posterior });
      const truth = suiteKOfProbabilities(probabilities, 0.5);
      const truthMean = suiteCappedMeanOfProbabilities(probabilities, n + 1);
      if (result.quantile.lower <= truth && truth <= result.quantile.upper) quantileCovered++;
      if (result.cappedMean.lower <= truthMean && truthMean <= result.cappedMean.upper) meanCovered++;
      if (result.quantile.beyondSamples) beyond++;
      if (result.quantile.upper === Number.POSITIVE_INFINITY) unbounded++;
      spans.push(result.quantile.upper / Math.max(1, result.quantile.lower));
    }
    const share = (count: number) => `${Math.round((100 * count) / reps)}%`;
    console.log(
      `| ${family.name} | ${modelName} | ${share(quantileCovered)} | ${share(meanCovered)} | ${share(beyond)} | ${share(unbounded)} | ${medianSpan(spans)} |`,
    );
  }
}
