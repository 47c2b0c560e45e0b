import type { CaseCounts } from './case-counts.js';
import { BetaBinomialPosterior, DEFAULT_PRIOR } from './extrapolation/beta-binomial-posterior.js';
import { checkCases, checkLevel } from './extrapolation/check-cases.js';
import { type CountTable, tallyCases } from './extrapolation/count-table.js';
import { logSpacedKs } from './extrapolation/observed-curve.js';
import { quantile } from './extrapolation/quantile.js';
import type { BetaBinomialPrior } from './extrapolation/types.js';
import { passAtK } from './pass-at-k.js';
import { createSeededRandom } from './seeded-random.js';

/** Options of `crossover`. */
export interface CrossoverOptions {
  /** The largest k examined; 10^6 by default. Curves are compared at about 60 log-spaced k in [1, kMax]. */
  kMax?: number;
  /** The level of the interval; 0.9 by default. */
  level?: number;
  /** The seed of the bootstrap and the posterior draws; 0 by default. */
  seed?: number;
  /** Bootstrap replicates over cases; 100 by default. */
  resamples?: number;
  /** The prior of the distributional model used beyond n (see `extrapolate`). */
  prior?: Partial<BetaBinomialPrior>;
}

/** Which interpreter leads. */
export type Leader = 'a' | 'b';

/** The result of `crossover`: a crossing with its interval, or none. */
export type CrossoverResult =
  | {
      status: 'crossing';
      /** The k at which the curve behind at small k draws level, by log-linear interpolation on the grid. */
      k: number;
      /** The lower end of the bootstrap interval of k. */
      lower: number;
      /** The upper end of the interval of k: `kMax` when `upperBeyondRange`. */
      upper: number;
      /** True when more replicates than the level allows cross after kMax or never: the interval is open above. */
      upperBeyondRange: boolean;
      /** The interpreter ahead before the crossing. */
      leaderBefore: Leader;
      /** The interpreter ahead after it. */
      leaderAfter: Leader;
      /** The share of bootstrap replicates that cross within [1, kMax]. */
      crossingShare: number;
      level: number;
    }
  | {
      status: 'none';
      /** The interpreter ahead wherever the curves differ, or 'tie' when they never do. */
      leader: Leader | 'tie';
      /** The share of bootstrap replicates that cross within [1, kMax] all the same. */
      crossingShare: number;
      level: number;
    };

// Differences below this are ties: both curves reach 1 at large k.
const TOLERANCE = 1e-6;
const DRAWS = 15;

/** One interpreter's pass@k curve, observed where k ≤ min n and from the posterior beyond. */
class Curve {
  readonly #table: CountTable;
  readonly #posterior: BetaBinomialPosterior;
  readonly #observed: number[][];
  readonly #smallestN: number;

  constructor(cases: readonly CaseCounts[], ks: readonly number[], prior: BetaBinomialPrior) {
    this.#table = tallyCases(cases);
    this.#smallestN = Math.min(...cases.map(({ n }) => n));
    this.#posterior = new BetaBinomialPosterior(this.#table, ks, prior);
    this.#observed = this.#table.pairs.map(({ n, c }) => ks.map((k) => (k <= this.#smallestN ? passAtK(n, c, k) : 0)));
  }

  get table(): CountTable {
    return this.#table;
  }

  values(multiplicities: Float64Array, random: () => number): number[] {
    const ks = this.#posterior.ks;
    const points = ks.some((k) => k > this.#smallestN)
      ? this.#posterior.draw(this.#posterior.weights(multiplicities), DRAWS, random)
      : [];
    const cases = multiplicities.reduce((sum, count) => sum + count, 0);
    return ks.map((k, j) => {
      if (k <= this.#smallestN) {
        let total = 0;
        this.#observed.forEach((row, at) => {
          total += (multiplicities[at] ?? 0) * (row[j] as number);
        });
        return total / cases;
      }
      return quantile(
        points.map((point) => this.#posterior.passAtK(multiplicities, j, point)),
        0.5,
      );
    });
  }
}

/** The first crossing of a − b on the grid: its k and the leaders, or undefined. */
function firstCrossing(ks: readonly number[], a: number[], b: number[]) {
  let sign = 0;
  let previous = 0;
  for (let j = 0; j < ks.length; j++) {
    const difference = (a[j] as number) - (b[j] as number);
    if (Math.abs(difference) <= TOLERANCE) continue;
    const now = Math.sign(difference);
    if (sign === 0) sign = now;
    else if (now !== sign) {
      const before = ks[previous] as number;
      const after = ks[j] as number;
      const dBefore = (a[previous] as number) - (b[previous] as number);
      const share = dBefore / (dBefore - difference);
      const k = Math.round(Math.exp(Math.log(before) + share * (Math.log(after) - Math.log(before))));
      const leaderBefore: Leader = sign > 0 ? 'a' : 'b';
      return { k, leaderBefore, leaderAfter: (sign > 0 ? 'b' : 'a') as Leader };
    }
    previous = j;
  }
  return { k: undefined, leader: sign === 0 ? ('tie' as const) : sign > 0 ? ('a' as const) : ('b' as const) };
}

/**
 * The k at which one interpreter's pass@k curve overtakes the other's (Yue et al. 2025: RL-tuned models lead at
 * small k, their base models at large k). `a` and `b` are per-case counts of two interpreters on the same cases,
 * in the same order. Curves are the observed pass@k where k ≤ n and the zero-inflated beta-binomial posterior
 * median beyond (see `extrapolate`); the interval is a percentile bootstrap over cases, resampling the same
 * cases for both. Deterministic given `seed`. Throws a RangeError for bad counts, lists of different lengths,
 * kMax below 2 or a level outside (0, 1).
 */
export function crossover(
  a: readonly CaseCounts[],
  b: readonly CaseCounts[],
  options: CrossoverOptions = {},
): CrossoverResult {
  checkCases('crossover (a)', a);
  checkCases('crossover (b)', b);
  if (a.length !== b.length) {
    throw new RangeError(`crossover: a and b must list the same cases, got ${a.length} and ${b.length}`);
  }
  const level = options.level ?? 0.9;
  checkLevel('crossover', level);
  const kMax = options.kMax ?? 1_000_000;
  if (!Number.isSafeInteger(kMax) || kMax < 2)
    throw new RangeError(`crossover: kMax must be an integer ≥ 2, got ${kMax}`);
  const resamples = options.resamples ?? 100;
  if (!Number.isInteger(resamples) || resamples < 10) {
    throw new RangeError(`crossover: resamples must be an integer ≥ 10, got ${resamples}`);
  }
  const prior = { ...DEFAULT_PRIOR, ...options.prior };
  const random = createSeededRandom(options.seed ?? 0);
  const ks = logSpacedKs(kMax, 60);
  const curveA = new Curve(a, ks, prior);
  const curveB = new Curve(b, ks, prior);
  // Both curves take their posterior draws from the same random stream (common random numbers): the comparison
  // then sees only what differs between the interpreters, and two identical sets of counts never cross.
  const curves = (countsA: Float64Array, countsB: Float64Array) => {
    const seed = Math.floor(random() * 2 ** 31);
    return [
      curveA.values(countsA, createSeededRandom(seed)),
      curveB.values(countsB, createSeededRandom(seed)),
    ] as const;
  };
  const found = firstCrossing(ks, ...curves(curveA.table.multiplicities, curveB.table.multiplicities));

  const crossings: number[] = [];
  for (let replicate = 0; replicate < resamples; replicate++) {
    const countsA = new Float64Array(curveA.table.pairs.length);
    const countsB = new Float64Array(curveB.table.pairs.length);
    for (let draw = 0; draw < a.length; draw++) {
      const index = Math.floor(random() * a.length);
      const atA = curveA.table.pairOfCase[index] as number;
      const atB = curveB.table.pairOfCase[index] as number;
      countsA[atA] = (countsA[atA] as number) + 1;
      countsB[atB] = (countsB[atB] as number) + 1;
    }
    const crossing = firstCrossing(ks, ...curves(countsA, countsB));
    crossings.push(crossing.k ?? Number.POSITIVE_INFINITY);
  }
  const crossingShare = crossings.filter(Number.isFinite).length / resamples;
  if (found.k === undefined) return { status: 'none', leader: found.leader, crossingShare, level };
  const upperQuantile = quantile(crossings, (1 + level) / 2);
  return {
    status: 'crossing',
    k: found.k,
    lower: Math.min(quantile(crossings, (1 - level) / 2), found.k),
    upper: Number.isFinite(upperQuantile) ? Math.max(upperQuantile, found.k) : kMax,
    upperBeyondRange: !Number.isFinite(upperQuantile),
    leaderBefore: found.leaderBefore,
    leaderAfter: found.leaderAfter,
    crossingShare,
    level,
  };
}
