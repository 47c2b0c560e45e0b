import type { ComparisonOperator } from '../../contracts/comparison-operator.js';
import { type BlockSample, blockValue, metricBlockSize, type SequentialMetric } from './block-value.js';
import { expectationDecision, type SequentialDecision } from './expectation-decision.js';
import { addToHedgedCapital, type HedgedCapital, startHedgedCapital } from './hedged-capital.js';
import { thresholdSide } from './threshold-side.js';

/** An expectation a sequential test decides: `metric operator threshold`, over the suite or over one case. */
export interface SequentialTarget {
  readonly metric: SequentialMetric;
  readonly operator: ComparisonOperator;
  /** The threshold, in [0, 1]. */
  readonly threshold: number;
  /** The position of the case in each round's blocks, for an expectation on one case; the mean over all without. */
  readonly caseIndex?: number;
}

/** One expectation's test so far. */
export interface TargetState {
  readonly target: SequentialTarget;
  readonly capital: HedgedCapital;
  /** Each round's block values, one per case tested (for the confidence sequence shown at the end). */
  readonly observations: readonly (readonly number[])[];
  readonly decision: SequentialDecision;
  /** The round (from 1) at which it was decided; absent while undecided. */
  readonly decidedAt?: number;
}

/**
 * Several expectations tested together on the same rounds. Each round draws `blockSize` fresh samples of every
 * case; each case's block value (see `blockValue`) is an observation whose mean is the case's metric, independent
 * of the others given the cases, and the round's observations share one bet (see `addToHedgedCapital`), which tests
 * their mean over cases: the expectation's metric. Each is tested at `errorRate`
 * divided by the number of targets (Bonferroni), so that the chance that any decision of the test is wrong stays
 * at most `errorRate`, however many rounds it is looked at.
 */
export interface SequentialTest {
  readonly errorRate: number;
  /** The error rate each expectation is tested at: `errorRate` over the number of targets. */
  readonly targetErrorRate: number;
  /** Samples per case in a round: the largest k of the targets. */
  readonly blockSize: number;
  readonly rounds: number;
  readonly targets: readonly TargetState[];
}

/** A test of `targets` at `errorRate` in (0, 1), before any round. Throws a RangeError for bad arguments. */
export function startSequentialTest(targets: readonly SequentialTarget[], errorRate: number): SequentialTest {
  if (!(errorRate > 0 && errorRate < 1)) throw new RangeError(`an error rate lies in (0, 1), got ${errorRate}`);
  if (targets.length === 0) throw new RangeError('a sequential test needs at least one expectation');
  return {
    errorRate,
    targetErrorRate: errorRate / targets.length,
    blockSize: Math.max(...targets.map((target) => metricBlockSize(target.metric))),
    rounds: 0,
    targets: targets.map((target) => ({
      target,
      capital: startHedgedCapital(Math.min(Math.max(target.threshold, 0), 1)),
      observations: [],
      decision: 'undecided',
    })),
  };
}

/**
 * The test after one more round: `blocks[i]` holds case i's `blockSize` fresh samples, in sample order. Decided
 * expectations keep their decision (the guarantee covers every look); the others bet on the round's statistic.
 */
export function addRound(test: SequentialTest, blocks: readonly (readonly BlockSample[])[]): SequentialTest {
  const rounds = test.rounds + 1;
  const targets = test.targets.map((state): TargetState => {
    const { target } = state;
    const chosen = target.caseIndex === undefined ? blocks : [blocks[target.caseIndex] ?? []];
    const values = chosen.map((block) => blockValue(target.metric, block));
    const observations = [...state.observations, values];
    if (state.decision !== 'undecided') return { ...state, observations };
    const capital = addToHedgedCapital(state.capital, values);
    const decision = expectationDecision(thresholdSide(capital, test.targetErrorRate), target.operator);
    return { target, capital, observations, decision, ...(decision !== 'undecided' ? { decidedAt: rounds } : {}) };
  });
  return { ...test, rounds, targets };
}

/** Whether every expectation of the test is decided. */
export function isSettled(test: SequentialTest): boolean {
  return test.targets.every((state) => state.decision !== 'undecided');
}
