// How often the extrapolation's 95% intervals hold the truth on suites drawn from the simulator's profiles, whose
// per-case success probabilities are known: p = 0 with the profile's `zeroMass`, else Beta(alpha, beta). For each
// configuration, `suites` suites of `cases` cases × `samples` samples are drawn (seeded), and the intervals of the
// suite's pass@∞ (its share of cases with p > 0) and pass@1,000 (the mean of 1 − (1 − p)^1000) are checked.
// Figures in docs/metrics.md and docs/benchmarks.md ("Extrapolation on the simulator").
// Run: npx tsx bench/extrapolation/sim-coverage.ts [profile cases samples suites]…
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { simProfiles } from '../../src/interpreters/sim/sim-profile.js';
import { extrapolate } from '../../src/stats/extrapolation/extrapolate.js';
import { createSeededRandom } from '../../src/stats/seeded-random.js';

const defaults = ['small 50 20 30', 'medium 50 10 30', 'medium-rl 50 10 30', 'large 100 10 20', 'small 8 20 40'];
const configurations = process.argv.length > 2 ? [process.argv.slice(2).join(' ')] : defaults;
const K = 1000;

for (const configuration of configurations) {
  const [name, cases, samples, suites] = configuration.split(' ') as [string, string, string, string];
  const profile = simProfiles[name];
  if (!profile) throw new Error(`no sim profile ${name}`);
  const random = createSeededRandom(7);
  const tally = { infinity: 0, atK: 0, width: 0, estimate: 0, truth: 0 };
  for (let suite = 0; suite < Number(suites); suite++) {
    const ps = Array.from({ length: Number(cases) }, () =>
      random() < profile.zeroMass ? 0 : betaQuantile(random(), profile.alpha, profile.beta),
    );
    const counts = ps.map((p) => {
      let c = 0;
      for (let draw = 0; draw < Number(samples); draw++) if (random() < p) c++;
      return { n: Number(samples), c };
    });
    const fitted = extrapolate(counts, { ks: [K], level: 0.95, seed: suite });
    const infinity = ps.filter((p) => p > 0).length / ps.length;
    const atK = ps.reduce((sum, p) => sum - Math.expm1(K * Math.log1p(-p)), 0) / ps.length;
    const { lower, upper, estimate } = fitted.passAtInfinity;
    const predicted = fitted.passAtK[0] as { lower: number; upper: number };
    if (lower <= infinity + 1e-9 && infinity <= upper + 1e-9) tally.infinity++;
    if (predicted.lower <= atK + 1e-9 && atK <= predicted.upper + 1e-9) tally.atK++;
    tally.width += upper - lower;
    tally.estimate += estimate;
    tally.truth += infinity;
  }
  const share = (count: number) => (count / Number(suites)).toFixed(2);
  console.log(
    `${name.padEnd(9)} ${cases.padStart(3)} cases × ${samples.padStart(2)} samples, ${suites} suites: ` +
      `pass@∞ held ${share(tally.infinity)} (mean width ${share(tally.width)}, estimate ${share(tally.estimate)}, truth ${share(tally.truth)}); ` +
      `pass@${K} held ${share(tally.atK)}`,
  );
}
