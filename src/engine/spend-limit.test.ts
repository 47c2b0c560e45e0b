import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../stats/seeded-random.js';
import { reserveAll, SpendLimit } from './spend-limit.js';
import { runWorkerPool } from './worker-pool.js';

/** Lets other workers run between a sample's start and its end, as calls in flight do. */
const turns = async (count: number) => {
  for (let turn = 0; turn < count; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Runs `items` samples at `concurrency` on the budgets, each costing `costOf(index)`; returns what each spent. */
async function spendOn(limits: SpendLimit[], items: number, concurrency: number, costOf: (index: number) => number) {
  const costs: number[] = [];
  const random = createSeededRandom(7);
  await runWorkerPool(
    Array.from({ length: items }, (_, index) => index),
    { concurrency, stopped: () => limits.some((limit) => limit.reached) },
    async (index) => {
      const reservation = await reserveAll(limits);
      if (!reservation) return 'stop';
      await turns(1 + Math.floor(random() * 4));
      const cost = costOf(index);
      costs.push(cost);
      reservation.settle(cost);
      return undefined;
    },
  );
  return costs;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('SpendLimit', () => {
  it('stops 64 concurrent samples of equal cost exactly at the budget', async () => {
    const limit = new SpendLimit(0.5);
    const costs = await spendOn([limit], 1000, 64, () => 0.01);
    expect(costs).toHaveLength(50);
    expect(limit.spent).toBeCloseTo(0.5, 12);
    expect(limit.reached).toBe(true);
  });

  it('stays within one sample of the budget when costs vary', async () => {
    const random = createSeededRandom(3);
    const prices = Array.from({ length: 2000 }, () => 0.002 + random() * 0.008);
    const limit = new SpendLimit(1);
    const costs = await spendOn([limit], prices.length, 64, (index) => prices[index] as number);
    const dearest = Math.max(...prices);
    expect(sum(costs)).toBeLessThanOrEqual(1 + dearest);
    expect(sum(costs)).toBeGreaterThan(1 - dearest);
    expect(costs.length).toBeLessThan(prices.length);
  });

  it('runs one sample alone until a cost is known', async () => {
    const limit = new SpendLimit(1);
    const first = await limit.reserve();
    let second: unknown;
    const waiting = limit.reserve().then((reservation) => {
      second = reservation;
      return reservation;
    });
    await turns(3);
    expect(second).toBeUndefined();
    first?.settle(0.4);
    const next = await waiting;
    expect(next).toBeDefined();
    next?.settle(0.4);
    // 0.8 spent: a third sample at the dearest cost seen (0.4) would pass 1.
    expect(await limit.reserve()).toBeUndefined();
    expect(limit.reached).toBe(true);
  });

  it('never limits free samples', async () => {
    const limit = new SpendLimit(0.01);
    const costs = await spendOn([limit], 300, 16, () => 0);
    expect(costs).toHaveLength(300);
    expect(limit.reached).toBe(false);
  });

  it('holds nothing on a budget when another one is reached', async () => {
    const run = new SpendLimit(10);
    const program = new SpendLimit(0.05);
    const costs = await spendOn([run, program], 100, 8, () => 0.01);
    expect(costs).toHaveLength(5);
    expect(run.spent).toBeCloseTo(0.05, 12);
    // The run's budget is left free for other programs.
    const reservation = await run.reserve();
    expect(reservation).toBeDefined();
    reservation?.release();
  });

  it('counts a sample cancelled in flight at what it reserved', async () => {
    const limit = new SpendLimit(1);
    (await limit.reserve())?.settle(0.3);
    (await limit.reserve())?.settle();
    expect(limit.spent).toBeCloseTo(0.6, 12);
  });
});
