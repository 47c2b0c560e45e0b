import { betaPassAtK, logBetaBinomialMass } from './beta-binomial.js';
import type { CountTable } from './count-table.js';
import { logAddExp } from './log-add-exp.js';
import type { BetaBinomialPrior } from './types.js';

function logSpace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.exp(from + ((to - from) * i) / (count - 1)));
}

// A coarser grid than the single Beta's, as the joint grid is the square of it: ln α in equal steps over
// [0.03, 10], the mean in equal log steps over [10^-8, 0.999].
const ALPHAS = logSpace(Math.log(0.03), Math.log(10), 6);
const MEANS = logSpace(Math.log(1e-8), Math.log(0.999), 30);
const SHAPES = ALPHAS.length * MEANS.length;
/** The share of the solvable cases in the lower component (the one with the smaller mean). */
const SHARES = [0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95];
const ZERO_MASSES = [0, 0.01, 0.03, 0.07, 0.12, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/**
 * Grid points whose posterior is below e^−PRUNE of the highest are dropped after the full data's weighting; if
 * more than KEEP remain, the cut is raised step by step until at most KEEP do.
 */
const PRUNE = [30, 20, 14, 10, 7, 5, 3.5, 2.5, 1.5, 1, 0.5, 0];
const KEEP = 8000;

/** One kept point of the grid, by index into the kept points. */
export type MixturePoint = number;

/** The log prior density of ln α under `prior`'s one or two normal components, up to a constant. */
function logAlphaPrior(alpha: number, prior: BetaBinomialPrior): number {
  const density = (median: number, logSd: number) => -0.5 * (Math.log(alpha / median) / logSd) ** 2 - Math.log(logSd);
  const first = density(prior.alphaMedian, prior.alphaLogSd);
  const second = prior.alphaMixture;
  if (second === undefined || second.weight === 0) return first;
  if (second.weight === 1) return density(second.median, second.logSd);
  return logAddExp(Math.log1p(-second.weight) + first, Math.log(second.weight) + density(second.median, second.logSd));
}

/** ln Σ exp(values), with −∞ for no values. */
function logSumExp(values: Float64Array): number {
  let highest = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > highest) highest = value;
  if (!Number.isFinite(highest)) return highest;
  let sum = 0;
  for (const value of values) sum += Math.exp(value - highest);
  return highest + Math.log(sum);
}

/**
 * The posterior of a zero-inflated mixture of two Betas on a grid: p = 0 with probability π0, else with
 * probability w from Beta(α1, μ1) and 1 − w from Beta(α2, μ2), μ1 < μ2; c ~ Binomial(n, p) per case. It holds a
 * group of cases with tiny p beside an easy group, which one Beta cannot: a single Beta fitted to such a suite
 * takes the tiny-p cases that never succeeded for never solvable. The prior is the single Beta's for each
 * component (its prior on ln α, flat in ln μ, its prior on π0), uniform on w; the grid prior is normalised so
 * that `logEvidence` is the marginal likelihood, comparable with the single Beta's (Bayesian model averaging).
 * The full data weight the whole grid once; points the data rule out are then dropped, and the bootstrap's
 * replicates weight the rest. Predictions are in-sample, as for the single Beta.
 */
export class BetaMixturePosterior {
  readonly #table: CountTable;
  readonly #ks: readonly number[];
  // The kept grid points: their two shapes, w and π0 indices, and their log prior.
  readonly #lower: Int32Array;
  readonly #upper: Int32Array;
  readonly #share: Int32Array;
  readonly #zero: Int32Array;
  readonly #logPrior: Float64Array;
  // Per pair, the log-likelihood of one case with it at each kept point.
  readonly #logLikelihood: Float64Array[];
  // Per pair, ln P(c | n, α, μ) for each shape; per pair and K, pass@K of a case's Beta part given its counts.
  readonly #logMass: Float64Array[];
  readonly #conditional: Float64Array[][];

  /** Tabulates the model for the pairs of `table` and the attempts `ks`, weighted by the full data. */
  constructor(table: CountTable, ks: readonly number[], prior: BetaBinomialPrior) {
    this.#table = table;
    this.#ks = ks;
    const pairs = table.pairs;
    this.#logMass = pairs.map(() => new Float64Array(SHAPES));
    this.#conditional = pairs.map(() => ks.map(() => new Float64Array(SHAPES)));
    ALPHAS.forEach((alpha, a) => {
      MEANS.forEach((mean, m) => {
        const shape = a * MEANS.length + m;
        const beta = (alpha * (1 - mean)) / mean;
        pairs.forEach(({ n, c }, at) => {
          (this.#logMass[at] as Float64Array)[shape] = logBetaBinomialMass(n, c, alpha, beta);
          ks.forEach((k, j) => {
            ((this.#conditional[at] as Float64Array[])[j] as Float64Array)[shape] = betaPassAtK(
              alpha + c,
              beta + n - c,
              k,
            );
          });
        });
      });
    });

    // The prior, as masses on the grid: α per component, the mean flat, w by the width of its cell, π0 as the
    // single Beta's (point mass at 0, slab ∝ exp(−λ·π0)).
    const logAlpha = ALPHAS.map((alpha) => logAlphaPrior(alpha, prior));
    const width = (grid: number[], i: number) =>
      ((grid[i + 1] ?? (grid[i] as number)) - (grid[i - 1] ?? (grid[i] as number))) / 2;
    const logShare = SHARES.map((_, i) => Math.log(width(SHARES, i)));
    const point = prior.zeroPointMass ?? 0.5;
    const logZeroPrior = ZERO_MASSES.map((zeroMass, z) =>
      z === 0 ? Math.log(point) : Math.log((1 - point) * width(ZERO_MASSES, z)) - prior.zeroMassRate * zeroMass,
    );

    const multiplicities = table.multiplicities;
    const solved = pairs.map(({ c }) => c > 0);
    const solvedCases = pairs.reduce((sum, _, at) => sum + (solved[at] ? (multiplicities[at] as number) : 0), 0);
    const logZero = ZERO_MASSES.map((z) => Math.log(z));
    const logRest = ZERO_MASSES.map((z) => Math.log1p(-z));
    const logW = SHARES.map((w) => Math.log(w));
    const logNotW = SHARES.map((w) => Math.log1p(-w));
    // The (lower, upper) shape pairs with the lower mean strictly below the upper one.
    const lowers: number[] = [];
    const uppers: number[] = [];
    for (let lower = 0; lower < SHAPES; lower++) {
      for (let upper = 0; upper < SHAPES; upper++) {
        if (upper % MEANS.length > lower % MEANS.length) {
          lowers.push(lower);
          uppers.push(upper);
        }
      }
    }
    const logShapes = lowers.map(
      (lower, q) =>
        (logAlpha[Math.floor(lower / MEANS.length)] as number) +
        (logAlpha[Math.floor((uppers[q] as number) / MEANS.length)] as number),
    );
    const priorNorm =
      logSumExp(Float64Array.from(logShapes)) +
      logSumExp(Float64Array.from(logShare)) +
      logSumExp(Float64Array.from(logZeroPrior));
    // Flat index: (shape pair · SHARES + w) · ZERO_MASSES + π0.
    const logPosterior = new Float64Array(lowers.length * SHARES.length * ZERO_MASSES.length);
    // In linear space, each pair's masses scaled by their highest over the shapes: one log per pair and point.
    const scaled = pairs.map((_, at) => {
      const mass = this.#logMass[at] as Float64Array;
      let top = Number.NEGATIVE_INFINITY;
      for (const value of mass) if (value > top) top = value;
      return { top, values: Float64Array.from(mass, (value) => Math.exp(value - top)) };
    });
    const unsolved = pairs.map((_, at) => at).filter((at) => !solved[at]);
    const unsolvedMass = new Float64Array(pairs.length);
    let highest = Number.NEGATIVE_INFINITY;
    lowers.forEach((lower, q) => {
      const upper = uppers[q] as number;
      for (let s = 0; s < SHARES.length; s++) {
        const w = SHARES[s] as number;
        let solvedPart = 0;
        for (let at = 0; at < pairs.length; at++) {
          const { top, values } = scaled[at] as { top: number; values: Float64Array };
          const mixed = w * (values[lower] as number) + (1 - w) * (values[upper] as number);
          if (solved[at]) solvedPart += (multiplicities[at] as number) * (Math.log(mixed) + top);
          else unsolvedMass[at] = mixed * Math.exp(top);
        }
        const base = (logShapes[q] as number) + (logShare[s] as number) - priorNorm;
        for (let z = 0; z < ZERO_MASSES.length; z++) {
          const zeroMass = ZERO_MASSES[z] as number;
          let value = base + (logZeroPrior[z] as number) + solvedPart + solvedCases * (logRest[z] as number);
          for (const at of unsolved) {
            value +=
              (multiplicities[at] as number) * Math.log(zeroMass + (1 - zeroMass) * (unsolvedMass[at] as number));
          }
          logPosterior[(q * SHARES.length + s) * ZERO_MASSES.length + z] = value;
          if (value > highest) highest = value;
        }
      }
    });
    const kept: number[] = [];
    for (const cut of PRUNE) {
      let count = 0;
      for (const value of logPosterior) if (value >= highest - cut) count++;
      if (count > KEEP && cut !== 0) continue;
      for (let i = 0; i < logPosterior.length && kept.length < KEEP; i++) {
        if ((logPosterior[i] as number) >= highest - cut) kept.push(i);
      }
      break;
    }
    const shapePair = (i: number) => Math.floor(i / (SHARES.length * ZERO_MASSES.length));
    this.#lower = Int32Array.from(kept, (i) => lowers[shapePair(i)] as number);
    this.#upper = Int32Array.from(kept, (i) => uppers[shapePair(i)] as number);
    this.#share = Int32Array.from(kept, (i) => Math.floor(i / ZERO_MASSES.length) % SHARES.length);
    this.#zero = Int32Array.from(kept, (i) => i % ZERO_MASSES.length);
    this.#logPrior = Float64Array.from(kept, (i) => {
      const q = shapePair(i);
      return (
        (logShapes[q] as number) +
        (logShare[Math.floor(i / ZERO_MASSES.length) % SHARES.length] as number) +
        (logZeroPrior[i % ZERO_MASSES.length] as number) -
        priorNorm
      );
    });
    this.#logLikelihood = pairs.map((_, at) => {
      const mass = this.#logMass[at] as Float64Array;
      return Float64Array.from(kept, (_, i) => {
        const s = this.#share[i] as number;
        const log = logAddExp(
          (logW[s] as number) + (mass[this.#lower[i] as number] as number),
          (logNotW[s] as number) + (mass[this.#upper[i] as number] as number),
        );
        const z = this.#zero[i] as number;
        return solved[at]
          ? (logRest[z] as number) + log
          : logAddExp(logZero[z] as number, (logRest[z] as number) + log);
      });
    });
  }

  /** The attempts K tabulated, in the order given. */
  get ks(): readonly number[] {
    return this.#ks;
  }

  /**
   * The posterior weights over the kept points for the cases counted by `multiplicities` (one per pair), and
   * the log marginal likelihood of those cases under the model (over the kept points).
   */
  weights(multiplicities: Float64Array): { weights: Float64Array; logEvidence: number } {
    const log = new Float64Array(this.#logPrior);
    this.#logLikelihood.forEach((perPoint, at) => {
      const count = multiplicities[at] ?? 0;
      if (count === 0) return;
      for (let i = 0; i < log.length; i++) log[i] = (log[i] as number) + count * (perPoint[i] as number);
    });
    const logEvidence = logSumExp(log);
    for (let i = 0; i < log.length; i++) log[i] = Math.exp((log[i] as number) - logEvidence);
    return { weights: log, logEvidence };
  }

  /** For a case of pair `at` at point `i`: the chance its p > 0, and of the lower component given p > 0. */
  #membership(at: number, i: number): { solvable: number; lower: number } {
    const mass = this.#logMass[at] as Float64Array;
    const w = SHARES[this.#share[i] as number] as number;
    const lowerLog = Math.log(w) + (mass[this.#lower[i] as number] as number);
    const upperLog = Math.log1p(-w) + (mass[this.#upper[i] as number] as number);
    const both = logAddExp(lowerLog, upperLog);
    const lower = Math.exp(lowerLog - both);
    if ((this.#table.pairs[at] as { c: number }).c > 0) return { solvable: 1, lower };
    const zeroMass = ZERO_MASSES[this.#zero[i] as number] as number;
    if (zeroMass === 0) return { solvable: 1, lower };
    const rest = Math.log1p(-zeroMass) + both;
    return { solvable: Math.exp(rest - logAddExp(Math.log(zeroMass), rest)), lower };
  }

  /** The suite's pass@K at the K of index `kIndex`, for the cases counted by `multiplicities`, at point `i`. */
  passAtK(multiplicities: Float64Array, kIndex: number, i: MixturePoint): number {
    let total = 0;
    let cases = 0;
    this.#table.pairs.forEach((_, at) => {
      const count = multiplicities[at] ?? 0;
      if (count === 0) return;
      const conditional = (this.#conditional[at] as Float64Array[])[kIndex] as Float64Array;
      const { solvable, lower } = this.#membership(at, i);
      const value =
        lower * (conditional[this.#lower[i] as number] as number) +
        (1 - lower) * (conditional[this.#upper[i] as number] as number);
      total += count * solvable * value;
      cases += count;
    });
    return total / cases;
  }

  /** pass@∞: the share of the cases counted by `multiplicities` whose p is above 0, at point `i`. */
  passAtInfinity(multiplicities: Float64Array, i: MixturePoint): number {
    let total = 0;
    let cases = 0;
    this.#table.pairs.forEach((_, at) => {
      const count = multiplicities[at] ?? 0;
      total += count * this.#membership(at, i).solvable;
      cases += count;
    });
    return total / cases;
  }
}
