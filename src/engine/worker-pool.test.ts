import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { runWorkerPool } from './worker-pool.js';

/** Items whose work the test ends by hand, and a wait for the moment a number of them has started. */
function handEndedWork() {
  const started: number[] = [];
  const enders = new Map<number, () => void>();
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    started,
    work: (item: number) =>
      new Promise<void>((resolve) => {
        started.push(item);
        enders.set(item, resolve);
        for (const waiter of waiters.filter((waiter) => started.length >= waiter.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }),
    end: (item: number) => enders.get(item)?.(),
    startedCount: (count: number) =>
      started.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  };
}

describe('runWorkerPool onAllStarted', () => {
  it('fires once the last item holds its slot of the shared limit, before it ends', async () => {
    const items = [0, 1, 2, 3, 4];
    const hand = handEndedWork();
    const signalled: number[][] = [];
    const pool = runWorkerPool(
      items,
      {
        concurrency: 5,
        sharedLimit: new ConcurrencyLimit(2),
        stopped: () => false,
        onAllStarted: () => signalled.push([...hand.started]),
      },
      hand.work,
    );
    await hand.startedCount(2);
    expect(signalled).toEqual([]);
    hand.end(0);
    hand.end(1);
    await hand.startedCount(4);
    expect(signalled).toEqual([]);
    hand.end(2);
    await hand.startedCount(5);
    // Item 4 took the slot item 2 left: the signal came then, just before its work started, nothing waiting any more.
    expect(signalled).toEqual([[0, 1, 2, 3]]);
    hand.end(3);
    hand.end(4);
    await pool;
    expect(signalled).toHaveLength(1);
  });

  it('fires when the pool stops taking items, and when it has none', async () => {
    let stop = false;
    const hand = handEndedWork();
    let signalled = 0;
    const pool = runWorkerPool(
      [0, 1, 2, 3],
      { concurrency: 4, sharedLimit: new ConcurrencyLimit(1), stopped: () => stop, onAllStarted: () => signalled++ },
      hand.work,
    );
    await hand.startedCount(1);
    stop = true;
    hand.end(0);
    await pool;
    expect(hand.started).toEqual([0]);
    expect(signalled).toBe(1);

    let empty = 0;
    await runWorkerPool([], { concurrency: 4, stopped: () => false, onAllStarted: () => empty++ }, hand.work);
    expect(empty).toBe(1);
  });
});

describe('runWorkerPool room', () => {
  it('takes no item while room asks it to wait, and goes on once that wait ends', async () => {
    const started: number[] = [];
    let open: () => void = () => {};
    let gate: Promise<void> | undefined = new Promise<void>((resolve) => {
      open = resolve;
    });
    let asked = 0;
    const pool = runWorkerPool(
      [0, 1, 2],
      {
        concurrency: 2,
        stopped: () => false,
        // The first two asks pass; from then on, the gate.
        room: () => (++asked > 2 ? gate : undefined),
      },
      async (item) => {
        started.push(item);
      },
    );
    // Each worker takes one item, then both wait at the gate: the third item waits with them.
    while (asked < 4) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(started.sort()).toEqual([0, 1]);
    gate = undefined;
    open();
    await pool;
    expect(started.sort()).toEqual([0, 1, 2]);
  });
});
