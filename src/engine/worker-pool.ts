import type { ConcurrencyLimit } from './concurrency-limit.js';

/** How a pool of workers takes its items. */
export interface WorkerPoolOptions {
  /** Workers at once; at least 1, and no more than there are items. */
  readonly concurrency: number;
  /** A limit shared with other pools, taken for each item on top of `concurrency`. */
  readonly sharedLimit?: ConcurrencyLimit;
  /** True once no new item may start; items in flight finish. */
  readonly stopped: () => boolean;
  /**
   * Called once, as soon as no item is left waiting to start: when the last item has its slot of `sharedLimit`,
   * when the pool stops taking items, or at the latest when the pool ends. A scheduler starts the next pool on the
   * same limit then, so that it fills the slots this one's last items leave.
   */
  readonly onAllStarted?: () => void;
  /**
   * Asked before each item is taken: a promise to wait for before taking it (the pool pauses, holding no slot), or
   * undefined to go on.
   */
  readonly room?: () => Promise<void> | undefined;
}

/** Items between yields to the event loop. */
const itemsPerYield = 512;

/**
 * Works through `items` in order with `concurrency` workers, each item holding a slot of `sharedLimit` while it
 * runs. Stops taking items once `stopped()`; an item whose `work` resolves to `'stop'` stops the worker that ran it
 * (anything else it resolves to is ignored).
 * Resolves when every worker is done.
 */
export async function runWorkerPool<Item>(
  items: readonly Item[],
  options: WorkerPoolOptions,
  work: (item: Item) => Promise<unknown>,
): Promise<void> {
  const { sharedLimit, stopped } = options;
  let next = 0;
  // Items taken from the queue whose workers still wait for a slot of the shared limit.
  let waitingForSlot = 0;
  let allStarted = false;
  const signalAllStarted = () => {
    if (allStarted) return;
    allStarted = true;
    options.onAllStarted?.();
  };
  // Instant interpreters resolve in microtasks only; yielding to the event loop now and then lets timers (the
  // store's flushes, progress) and signals (Ctrl-C) through.
  let sinceYield = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      if (++sinceYield >= itemsPerYield) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue; // the queue and the signals may have changed meanwhile
      }
      const pause = options.room?.();
      if (pause) {
        await pause;
        continue; // the queue and the signals may have changed meanwhile
      }
      const item = items[next++] as Item;
      waitingForSlot++;
      const release = await sharedLimit?.acquire();
      waitingForSlot--;
      try {
        if (stopped()) {
          next--;
          break;
        }
        if (next >= items.length && waitingForSlot === 0) signalAllStarted();
        if ((await work(item)) === 'stop') break;
      } finally {
        release?.();
      }
    }
    if (stopped()) signalAllStarted();
  };
  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    signalAllStarted();
  }
}
