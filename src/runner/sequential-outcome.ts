import { bettingConfidenceSequence } from '../stats/sequential/betting-confidence-sequence.js';
import type { SequentialDecision } from '../stats/sequential/expectation-decision.js';
import type { SequentialTest } from '../stats/sequential/sequential-test.js';
import type { SequentialTargets } from './sequential-targets.js';

/** The default chance of a wrong decision over all of a program's sequential expectations. */
export const defaultSequentialErrorRate = 0.05;

/** What `--sequential` (or `sequential` in the file) asks of a program's run. */
export interface SequentialOptions {
  /** The chance of a wrong decision over all the program's expectations; the file's, else 0.05, when absent. */
  readonly errorRate?: number;
}

/** How the sequential test of one expectation ended. */
export type SequentialExpectationOutcome =
  | {
      /**
       * `pass` or `fail` once its confidence sequence lay wholly on one side of the threshold; `undecided` when
       * the cap (or a stop) came first. An undecided expectation is not met.
       */
      readonly decision: SequentialDecision;
      /** The round (from 1) at which it was decided; absent when undecided. */
      readonly decidedAt?: number;
      /** The confidence sequence of its metric over the rounds drawn, at `expectationErrorRate`. */
      readonly interval: { readonly lower: number; readonly upper: number };
    }
  | {
      /** The metric is not a mean of fresh samples of each case (cost, latency, pass@∞, attempts, …), or its k exceeds the cap: checked at the end, as without `sequential`. */
      readonly decision: 'not-sequential';
      /** Why, in words. */
      readonly reason: string;
    };

/**
 * Why a sequential run ended: every sequential expectation `decided`; `cap-reached` (a case has its `sample N`, or
 * failed samples left a round short at the cap); `stopped` (a stop signal or a budget); `stalled` (a round drew no
 * sample); `nothing-to-decide` (no expectation can be decided sequentially: the plan was drawn whole).
 */
export type SequentialEnd = 'decided' | 'cap-reached' | 'stopped' | 'stalled' | 'nothing-to-decide';

/** A program's sequential run, as reports show it. */
export interface SequentialOutcome {
  /** The chance of a wrong decision over all its sequential expectations. */
  readonly errorRate: number;
  /** The error rate each sequential expectation is tested at: `errorRate` over their number (Bonferroni). */
  readonly expectationErrorRate: number;
  /** Samples per case in a round: the largest k of the sequential expectations. */
  readonly roundSize: number;
  /** Complete rounds drawn. */
  readonly rounds: number;
  /** The cap: the program's `sample N` per case. */
  readonly cap: number;
  readonly end: SequentialEnd;
  /** One per expectation of the program, in its order. */
  readonly expectations: readonly SequentialExpectationOutcome[];
}

/** A sequential test's outcome as reports show it: each expectation's decision and sequence, in program order. */
export function sequentialOutcome(
  test: SequentialTest,
  targets: Pick<SequentialTargets, 'targetOf' | 'reasons'>,
  cap: number,
  end: SequentialEnd,
): SequentialOutcome {
  const expectations = targets.targetOf.map((target, index): SequentialExpectationOutcome => {
    const state = target === undefined ? undefined : test.targets[target];
    if (!state) return { decision: 'not-sequential', reason: targets.reasons[index] ?? '' };
    return {
      decision: state.decision,
      ...(state.decidedAt !== undefined ? { decidedAt: state.decidedAt } : {}),
      interval: bettingConfidenceSequence(state.observations, test.targetErrorRate),
    };
  });
  return {
    errorRate: test.errorRate,
    expectationErrorRate: test.targetErrorRate,
    roundSize: test.blockSize,
    rounds: test.rounds,
    cap,
    end,
    expectations,
  };
}
