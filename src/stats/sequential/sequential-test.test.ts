import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../seeded-random.js';
import { bettingConfidenceSequence } from './betting-confidence-sequence.js';
import { type BlockSample, blockValue, isSequentialMetric } from './block-value.js';
import { expectationDecision } from './expectation-decision.js';
import { addToHedgedCapital, startHedgedCapital } from './hedged-capital.js';
import {
  addRound,
  isSettled,
  type SequentialTarget,
  type SequentialTest,
  startSequentialTest,
} from './sequential-test.js';
import { thresholdSide } from './threshold-side.js';

const success = (ok: boolean, score = ok ? 1 : 0): BlockSample => ({ score, success: ok });

/** Runs a test on cases of known success probabilities, round after round up to `maxRounds`. */
function simulate(
  probabilities: readonly number[],
  targets: readonly SequentialTarget[],
  errorRate: number,
  maxRounds: number,
  random: () => number,
): SequentialTest {
  let test = startSequentialTest(targets, errorRate);
  while (test.rounds < maxRounds && !isSettled(test)) {
    const blocks = probabilities.map((p) => Array.from({ length: test.blockSize }, () => success(random() < p)));
    test = addRound(test, blocks);
  }
  return test;
}

describe('block values', () => {
  it('value k fresh samples as the metric does, averaged over whole runs of k', () => {
    const block = [success(false), success(true), success(false), success(false)];
    expect(blockValue({ name: 'pass@k', k: 2 }, block)).toBe(0.5);
    expect(blockValue({ name: 'pass@k', k: 4 }, block)).toBe(1);
    expect(blockValue({ name: 'pass^k', k: 1 }, block)).toBe(0.25);
    expect(blockValue({ name: 'pass@k', k: 3 }, block)).toBe(1);
    expect(blockValue({ name: 'max@k', k: 2 }, [success(false, 0.2), success(false, 0.7)])).toBe(0.7);
    expect(blockValue({ name: 'g-pass@k', k: 4, tau: 0.5 }, block)).toBe(0);
    expect(blockValue({ name: 'mean-score' }, [success(false, 0.3), success(false, 0.5)])).toBe(0.4);
    expect(() => blockValue({ name: 'pass@k', k: 8 }, block)).toThrow(/at least 8 samples/);
  });

  it('leave out the metrics that are not a mean of fresh samples', () => {
    expect(isSequentialMetric({ name: 'pass@inf' })).toBe(false);
    expect(isSequentialMetric({ name: 'cost', measure: 'total' })).toBe(false);
    expect(isSequentialMetric({ name: 'pass^k', k: 2 })).toBe(true);
  });
});

describe('the hedged capital', () => {
  it('grows on the side the data lie and refuses observations outside [0, 1]', () => {
    let capital = startHedgedCapital(0.5);
    for (let index = 0; index < 40; index++) capital = addToHedgedCapital(capital, 1);
    expect(thresholdSide(capital, 0.05)).toBe('above');
    expect(capital.logLower).toBeLessThanOrEqual(0);
    expect(() => addToHedgedCapital(capital, 1.5)).toThrow(RangeError);
    expect(() => startHedgedCapital(-0.1)).toThrow(RangeError);
  });

  it('turns sides into decisions by operator', () => {
    expect(expectationDecision('above', '>=')).toBe('pass');
    expect(expectationDecision('below', '>')).toBe('fail');
    expect(expectationDecision('below', '<=')).toBe('pass');
    expect(expectationDecision('above', '==')).toBe('fail');
    expect(expectationDecision('below', '!=')).toBe('pass');
    expect(expectationDecision('open', '>=')).toBe('undecided');
  });
});

describe('the sequential test', () => {
  it('decides at most the error rate of suites whose metric sits at the threshold, looking after every round', () => {
    const random = createSeededRandom(2201);
    const runs = 1000;
    let decided = 0;
    for (let run = 0; run < runs; run++) {
      // Ten cases whose mean success probability is 0.6, the threshold.
      const probabilities = [0.2, 0.9, 0.6, 0.5, 0.7, 0.4, 0.8, 0.6, 0.3, 1];
      const test = simulate(
        probabilities,
        [{ metric: { name: 'pass@k', k: 1 }, operator: '>=', threshold: 0.6 }],
        0.1,
        100,
        random,
      );
      if (test.targets[0]?.decision !== 'undecided') decided++;
    }
    expect(decided / runs).toBeLessThanOrEqual(0.1);
  });

  it('decides both ways when the truth is away from the threshold, and splits the error rate', () => {
    const random = createSeededRandom(7);
    const targets: SequentialTarget[] = [
      { metric: { name: 'pass@k', k: 1 }, operator: '>=', threshold: 0.5 },
      { metric: { name: 'pass@k', k: 2 }, operator: '>=', threshold: 0.95 },
    ];
    const test = simulate([0.5, 0.6, 0.7, 0.8], targets, 0.05, 200, random);
    expect(test.targetErrorRate).toBe(0.025);
    expect(test.blockSize).toBe(2);
    expect(test.targets.map((state) => state.decision)).toEqual(['pass', 'fail']);
    expect(test.rounds).toBeLessThan(200);
    const bounds = bettingConfidenceSequence(test.targets[0]?.observations ?? [], 0.025);
    expect(bounds.lower).toBeGreaterThanOrEqual(0.5);
    expect(bounds.upper).toBeGreaterThan(0.65);
  });

  it('tests an expectation on one case from that case alone', () => {
    const random = createSeededRandom(3);
    const test = simulate(
      [0, 1],
      [{ metric: { name: 'pass@k', k: 1 }, operator: '>=', threshold: 0.5, caseIndex: 1 }],
      0.05,
      100,
      random,
    );
    expect(test.targets[0]?.decision).toBe('pass');
  });
});

describe('the betting confidence sequence', () => {
  it('holds the mean at every time at once in at least 1 - alpha of runs', () => {
    const random = createSeededRandom(11);
    let missed = 0;
    const runs = 300;
    for (let run = 0; run < runs; run++) {
      const xs = Array.from({ length: 60 }, () => (random() < 0.3 ? 1 : 0));
      const bounds = bettingConfidenceSequence(xs, 0.1, 100);
      if (!(bounds.lower <= 0.3 && 0.3 <= bounds.upper)) missed++;
    }
    expect(missed / runs).toBeLessThanOrEqual(0.1);
  });
});
