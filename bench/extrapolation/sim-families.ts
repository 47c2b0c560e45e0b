import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/** One Beta component of a family: its share of the solvable cases, its shape α and its mean. */
export interface BetaComponent {
  weight: number;
  alpha: number;
  mean: number;
}

/** A simulated family: per-case p is 0 with probability `zeroMass`, else drawn from a mixture of Betas. */
export interface SimFamily {
  name: string;
  zeroMass: number;
  components: BetaComponent[];
  /** What the family stands for. */
  note: string;
}

const one = (alpha: number, mean: number): BetaComponent[] => [{ weight: 1, alpha, mean }];

/**
 * The families: α from 0.05 to 3, never-solvable shares from 0 to 0.5, means chosen so that from 100 draws per
 * case pass@1 is above 0 and pass@10,000 is neither 0 nor 1 (Pythia-like tiny p with small α; moderate p where
 * a large α makes pass@10,000 hinge on the never-solvable share), and two-component mixtures of a hard and an
 * easy population.
 */
export const FAMILIES: SimFamily[] = [
  { name: 'pythia-like', zeroMass: 0.2, components: one(0.3, 1e-3), note: 'tiny p, small α' },
  { name: 'tiny-a0.1', zeroMass: 0, components: one(0.1, 3e-3), note: 'tiny p, very small α' },
  { name: 'a0.05', zeroMass: 0, components: one(0.05, 0.02), note: 'α at the low end' },
  { name: 'a0.05-z0.3', zeroMass: 0.3, components: one(0.05, 0.1), note: 'α at the low end, 30% unsolvable' },
  { name: 'a0.5', zeroMass: 0.1, components: one(0.5, 3e-3), note: 'small p, α 0.5' },
  { name: 'a1-tiny', zeroMass: 0, components: one(1, 5e-4), note: 'tiny p, α 1' },
  { name: 'a1-z0.2', zeroMass: 0.2, components: one(1, 0.01), note: 'α 1, 20% unsolvable' },
  { name: 'a2-z0.4', zeroMass: 0.4, components: one(2, 0.02), note: 'homogeneous, 40% unsolvable' },
  { name: 'a3-z0.5', zeroMass: 0.5, components: one(3, 0.005), note: 'homogeneous, half unsolvable' },
  { name: 'a3-z0.1', zeroMass: 0.1, components: one(3, 0.003), note: 'homogeneous, small p, 10% unsolvable' },
  {
    name: 'mix-hard-easy',
    zeroMass: 0.1,
    components: [
      { weight: 0.6, alpha: 0.2, mean: 1e-3 },
      { weight: 0.4, alpha: 2, mean: 0.05 },
    ],
    note: '60% hard (α 0.2), 40% easy (α 2)',
  },
  {
    name: 'mix-z0.5',
    zeroMass: 0.5,
    components: [
      { weight: 0.5, alpha: 0.5, mean: 5e-4 },
      { weight: 0.5, alpha: 3, mean: 0.1 },
    ],
    note: 'half unsolvable; of the rest half tiny (α 0.5), half easy (α 3)',
  },
];

/** Draws each case's p from a family. */
export function drawPs(family: SimFamily, cases: number, random: () => number): number[] {
  return Array.from({ length: cases }, () => {
    if (random() < family.zeroMass) return 0;
    let u = random();
    const component =
      family.components.find((c) => {
        u -= c.weight;
        return u < 0;
      }) ?? (family.components.at(-1) as BetaComponent);
    const beta = (component.alpha * (1 - component.mean)) / component.mean;
    return betaQuantile(random(), component.alpha, beta);
  });
}

/** c ~ Binomial(n, p) per case. */
export function drawCounts(ps: readonly number[], n: number, random: () => number): { n: number; c: number }[] {
  return ps.map((p) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (random() < p) c++;
    return { n, c };
  });
}

/** The suite's true pass@K: the mean over its cases of 1 − (1 − p)^K. */
export function truePassAtK(ps: readonly number[], k: number): number {
  return ps.reduce((sum, p) => sum - Math.expm1(k * Math.log1p(-p)), 0) / ps.length;
}
