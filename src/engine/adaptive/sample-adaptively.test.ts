import { describe, expect, it } from 'vitest';
import type { CountMetric } from '../../program/program.js';
import type { NamedCaseCounts } from '../../stats/case-counts.js';
import { createSeededRandom } from '../../stats/seeded-random.js';
import { addDrawnCounts } from './add-drawn-counts.js';
import { type DrawBatch, sampleAdaptively } from './sample-adaptively.js';

const metrics: CountMetric[] = [
  { name: 'pass@k', k: 1 },
  { name: 'pass@k', k: 5 },
];
const probabilities = [0, 0.002, 0.05, 0.2, 0.5, 0.5, 0.8, 0.97, 1, 1];
const fresh = (): NamedCaseCounts[] => probabilities.map((_, index) => ({ caseId: `c${index}`, n: 0, c: 0 }));

/** Seeded Bernoulli draws with the cases' p, continuing each case's sample stream where it stands. */
function bernoulliDraws(seed: number): DrawBatch {
  const streams = probabilities.map((_, index) => createSeededRandom(seed * 1000 + index));
  return (batch) =>
    batch.map(({ caseId, more }) => {
      const index = Number(caseId.slice(1));
      const next = streams[index] as () => number;
      let c = 0;
      for (let draw = 0; draw < more; draw++) if (next() < (probabilities[index] as number)) c++;
      return { caseId, n: more, c };
    });
}

describe('sampleAdaptively', () => {
  it('terminates at the target width, having sampled uncertain cases more than settled ones', async () => {
    const result = await sampleAdaptively({ metrics, cases: fresh(), targetWidth: 0.05 }, bernoulliDraws(1));
    expect(result.reason).toBe('target-reached');
    for (const { width } of result.widths) expect(width).toBeLessThanOrEqual(0.05);
    const n = (index: number) => (result.cases[index] as NamedCaseCounts).n;
    expect(n(4)).toBeGreaterThan(n(8)); // p = ½ against p = 1
    expect(result.drawn).toBe(result.cases.reduce((sum, counts) => sum + counts.n, 0));
    expect(result.batches).toBeGreaterThanOrEqual(2);
  });

  it('spends at most the budget, and ends with budget-spent', async () => {
    const result = await sampleAdaptively(
      { metrics, cases: fresh(), targetWidth: 1e-4, budget: 500 },
      bernoulliDraws(2),
    );
    expect(result).toMatchObject({ reason: 'budget-spent', drawn: 500 });
  });

  it('keeps every case within its cap, and ends with caps-reached', async () => {
    const result = await sampleAdaptively(
      { metrics, cases: fresh(), targetWidth: 1e-4, maxSamplesPerCase: 40 },
      bernoulliDraws(3),
    );
    expect(result.reason).toBe('caps-reached');
    expect(result.cases.map(({ n }) => n)).toEqual(Array(10).fill(40));
  });

  it('gives the same result for the same draws', async () => {
    const request = { metrics, cases: fresh(), targetWidth: 0.04 };
    expect(await sampleAdaptively(request, bernoulliDraws(4))).toEqual(
      await sampleAdaptively(request, bernoulliDraws(4)),
    );
  });

  it('ends with stalled when a batch draws nothing, and with stopped when the signal aborts', async () => {
    const request = { metrics, cases: fresh(), targetWidth: 0.04 };
    expect(await sampleAdaptively(request, () => [])).toMatchObject({ reason: 'stalled', batches: 1, drawn: 0 });
    const controller = new AbortController();
    const result = await sampleAdaptively(request, bernoulliDraws(5), {
      signal: controller.signal,
      onBatch: () => controller.abort(),
    });
    expect(result).toMatchObject({ reason: 'stopped', batches: 1 });
  });
});

describe('addDrawnCounts', () => {
  it('adds the new samples to their cases and leaves the others', () => {
    const cases = [
      { caseId: 'a', n: 3, c: 1 },
      { caseId: 'b', n: 2, c: 2 },
    ];
    expect(addDrawnCounts(cases, [{ caseId: 'b', n: 4, c: 1 }])).toEqual([
      { caseId: 'a', n: 3, c: 1 },
      { caseId: 'b', n: 6, c: 3 },
    ]);
    expect(() => addDrawnCounts(cases, [{ caseId: 'z', n: 1, c: 0 }])).toThrow(/unknown case "z"/);
  });
});
