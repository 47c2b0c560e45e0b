import { describe, expect, it } from 'vitest';
import type { SampleRecord } from '../../contracts/program-run.js';
import type { Score } from '../../contracts/score.js';
import type { InterpreterPrice } from '../../cost/interpreter-price.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { runProgram } from '../run-program.js';
import { capitalsProgram, mediumSim } from '../testing/capitals-program.js';
import { BottomK } from './bottom-k.js';
import { CaseTallyBuilder, type TallyOptions } from './case-tally-builder.js';
import { caseTallyOf } from './case-tally-of.js';
import { tallySizes } from './tally-sizes.js';

const price: InterpreterPrice = { inputPerMillion: 3, outputPerMillion: 15, source: 'config', label: 'config' };

/** A sample of case `a` at `index` whose score and cost follow from the index. */
function sampleAt(index: number): SampleRecord {
  const score: Score =
    index % 11 === 0
      ? { value: null, status: 'error', explanation: 'the verifier failed' }
      : { value: (index % 7) / 6, status: 'scored' };
  return {
    caseId: 'a',
    index,
    seed: index * 31,
    output: `answer ${index}`,
    score,
    success: score.status === 'scored' && (score.value ?? 0) >= 0.5,
    cached: false,
    trace: {
      programName: 'p',
      programHash: 'h',
      interpreterId: 'priced',
      caseId: 'a',
      sampleIndex: index,
      seed: index * 31,
      settings: {},
      steps: [
        {
          name: 'main',
          messages: [],
          text: `answer ${index}`,
          output: `answer ${index}`,
          finishReason: 'stop',
          usage: { inputTokens: 10 + (index % 5), outputTokens: 3 + (index % 3) },
          latencyMs: 100 + (index % 13),
          warnings: [],
        },
      ],
    },
  };
}

const options = (subsample: number, keep: number): TallyOptions => ({
  priceOf: (interpreter) => (interpreter === 'priced' ? price : undefined),
  subsample,
  keep,
});

/** The samples 0 … count − 1, added in an order shuffled by `seed`. */
function tallied(count: number, seed: number, subsample = 50, keep = 5) {
  const order = Array.from({ length: count }, (_, index) => index);
  const random = createSeededRandom(seed);
  for (let at = order.length - 1; at > 0; at--) {
    const other = Math.floor(random() * (at + 1));
    [order[at], order[other]] = [order[other] as number, order[at] as number];
  }
  const builder = new CaseTallyBuilder(options(subsample, keep));
  for (const index of order) builder.add(sampleAt(index));
  return builder;
}

describe('BottomK', () => {
  it('keeps the items of lowest key, whatever the order they come in, and nothing at capacity 0', () => {
    const kept = new BottomK<string>(3);
    for (const key of [9, 4, 7, 1, 8, 2, 6]) kept.offer(key, `k${key}`);
    expect([...kept.items()].sort()).toEqual(['k1', 'k2', 'k4']);
    expect(kept.accepts(3)).toBe(true);
    expect(kept.accepts(5)).toBe(false);
    const none = new BottomK<string>(0);
    none.offer(1, 'one');
    expect(none.size).toBe(0);
  });
});

describe('CaseTallyBuilder', () => {
  it('counts and sums exactly, and chooses the same subsample and kept samples in any order', () => {
    const first = tallied(2_000, 1);
    const second = tallied(2_000, 2);
    expect(second.tally()).toEqual(first.tally());
    expect(second.kept().map((sample) => sample.index)).toEqual(first.kept().map((sample) => sample.index));

    const tally = first.tally();
    const all = Array.from({ length: 2_000 }, (_, index) => sampleAt(index));
    const scored = all.filter((sample) => sample.score.status === 'scored');
    expect(tally.drawn).toBe(2_000);
    expect(tally.errors).toBe(all.length - scored.length);
    expect(tally.n).toBe(scored.length);
    expect(tally.c).toBe(scored.filter((sample) => sample.success).length);
    expect(tally.scoreSum).toBeCloseTo(
      scored.reduce((sum, sample) => sum + (sample.score.value ?? 0), 0),
      9,
    );
    expect(tally.scoreBins.reduce((sum, count) => sum + count, 0)).toBe(tally.n);
    expect(tally.spend.program.calls).toBe(2_000);
    expect(tally.spend.program.inputTokens).toBe(all.reduce((sum, sample) => sum + 10 + (sample.index % 5), 0));
    expect(tally.spend.program.cost).toBeGreaterThan(0);
    expect(tally.spend.program.unpricedCalls).toBe(0);

    // The subsample: 50 samples, in index order, spread over the whole range rather than its start.
    expect(tally.samples).toHaveLength(50);
    const indices = tally.samples.map((sample) => sample.index);
    expect(indices).toEqual([...indices].sort((left, right) => left - right));
    expect(Math.max(...indices)).toBeGreaterThan(1_000);
    // Kept whole: the 5 lowest-index failures and the 5 lowest-index successes.
    const failures = all.filter((sample) => !sample.success).map((sample) => sample.index);
    const successes = all.filter((sample) => sample.success).map((sample) => sample.index);
    expect(first.kept().map((sample) => sample.index)).toEqual(
      [...failures.slice(0, 5), ...successes.slice(0, 5)].sort((left, right) => left - right),
    );
  });

  it('holds every sample in its subsample while a case has no more than its size', () => {
    const tally = tallied(40, 3).tally();
    expect(tally.samples.map((sample) => sample.index)).toEqual(Array.from({ length: 40 }, (_, index) => index));
    expect(tally.samples[1]).toMatchObject({ status: 'scored', score: 1 / 6, success: false, tokens: 15 });
    expect(tally.samples[0]).toMatchObject({ status: 'error', score: 0, success: false });
  });

  it('keeps fewer values and samples per case as a run has more cases, so that the whole stays bounded', () => {
    expect(tallySizes(100)).toEqual({ subsample: 1_000, keep: 50 });
    expect(tallySizes(10_000)).toEqual({ subsample: 200, keep: 2 });
    const many = tallySizes(1_000);
    expect(many.subsample * 1_000).toBeLessThanOrEqual(200_000);
    expect(many.keep * 1_000).toBeLessThanOrEqual(10_000);
  });
});

const program = capitalsProgram(1500, 2);
const sim = mediumSim;

describe('a run that tallies its samples', () => {
  it('keeps a bounded part of them, and its tallies equal those of a run that kept them all', async () => {
    const tallied = await runProgram(program, { interpreter: sim, concurrency: 16 });
    const kept = await runProgram(program, { interpreter: sim, concurrency: 16, keepSamples: 'all' });
    const pricing = { priceOf: () => undefined };
    for (const [index, caseRun] of tallied.cases.entries()) {
      const whole = kept.cases[index];
      if (!whole || !caseRun.tally) throw new Error('a case is missing');
      expect(whole.samples).toHaveLength(1_500);
      expect(caseRun.samples.length).toBeLessThanOrEqual(2 * tallySizes(2).keep);
      expect(caseRun.tally.samples).toHaveLength(tallySizes(2).subsample);
      const full = caseTallyOf(whole, pricing);
      // Seconds are measured, so they differ between two runs; everything else is the same.
      const untimed = (tally: typeof full) => ({
        ...tally,
        samples: tally.samples.map(({ seconds: _seconds, ...sample }) => sample),
        spend: { ...tally.spend, program: { ...tally.spend.program, seconds: 0 } },
      });
      const fromRun = untimed(caseRun.tally);
      const fromAll = untimed(full);
      expect({ ...fromRun, samples: [] }).toEqual({ ...fromAll, samples: [] });
      // The subsample is part of what the whole run drew, sample for sample.
      const byIndex = new Map(fromAll.samples.map((sample) => [sample.index, sample]));
      for (const sample of fromRun.samples) expect(sample).toEqual(byIndex.get(sample.index));
    }
  });
});
