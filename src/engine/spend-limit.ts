/** A sample's claim on a budget while it runs: settled with what it cost when it ends. */
export interface SpendReservation {
  /** Records what the sample cost, in dollars; without a cost (a sample cancelled in flight), the amount reserved. */
  settle(cost?: number): void;
  /** Gives the reservation back unspent, for a sample that never started. */
  release(): void;
}

/**
 * A budget in dollars that samples draw on, shared by every sample it covers (a program's `budget`, or a whole run's
 * `--max-cost`). A sample starts only when the budget can pay for it: what was spent, plus what the samples in flight
 * have reserved, plus the dearest sample seen so far, must stay within the limit. Until one sample has ended its cost
 * is unknown, so one sample runs alone first. A sample waits while samples in flight may still leave room; once none
 * can, the budget is reached and no sample starts again. So whatever the concurrency, the spending stops within one
 * sample's cost of the limit, and below it unless a sample costs more than every one before it.
 */
export class SpendLimit {
  /** Dollars spent by the samples that ended. */
  private spentSoFar = 0;
  /** Dollars reserved by the samples in flight. */
  private reserved = 0;
  private inFlight = 0;
  /** The dearest sample seen, which each new sample reserves; undefined until one ends. */
  private dearest: number | undefined;
  private reachedLimit = false;
  private readonly waiting: (() => void)[] = [];

  /** Rounding in sums of dollars, below which spending counts as at the limit. */
  private readonly slack: number;

  /** `dollars`, the limit, is positive and finite (the language and the CLI check it). */
  constructor(readonly dollars: number) {
    this.slack = dollars * 1e-9;
  }

  /** Dollars spent by the samples that ended. */
  get spent(): number {
    return this.spentSoFar;
  }

  /** True once the budget cannot pay for another sample. */
  get reached(): boolean {
    return this.reachedLimit;
  }

  /** Waits until the budget can pay for one more sample; undefined once it never will. */
  async reserve(): Promise<SpendReservation | undefined> {
    for (;;) {
      const now = this.tryReserve();
      if (now !== 'wait') return now;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * Reserves at once when the budget can pay for one more sample now; undefined once it never will; `wait` while
   * samples in flight may still leave room.
   */
  tryReserve(): SpendReservation | undefined | 'wait' {
    if (this.reachedLimit) return undefined;
    const amount = this.dearest ?? 0;
    const unknown = this.dearest === undefined;
    if (!unknown && this.spentSoFar + this.reserved + amount <= this.dollars + this.slack) return this.take(amount);
    if (unknown && this.inFlight === 0) return this.take(0);
    if (this.inFlight === 0) {
      this.reach();
      return undefined;
    }
    return 'wait';
  }

  private take(amount: number): SpendReservation {
    this.inFlight++;
    this.reserved += amount;
    let settled = false;
    const end = (spent: number, cost: number | undefined) => {
      if (settled) return;
      settled = true;
      this.inFlight--;
      this.reserved -= amount;
      this.spentSoFar += spent;
      if (cost !== undefined) this.dearest = Math.max(this.dearest ?? 0, cost);
      if (this.spentSoFar >= this.dollars - this.slack) this.reach();
      this.wake();
    };
    return {
      settle: (cost) => end(cost ?? amount, cost),
      release: () => end(0, undefined),
    };
  }

  private reach(): void {
    this.reachedLimit = true;
    this.wake();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/**
 * Reserves one sample on every budget that covers it (the program's, the run's), in order; undefined, with nothing
 * held, as soon as one of them is reached.
 */
export async function reserveAll(limits: readonly SpendLimit[]): Promise<SpendReservation | undefined> {
  const held: SpendReservation[] = [];
  for (const limit of limits) {
    const now = limit.tryReserve();
    const reservation = now === 'wait' ? await limit.reserve() : now;
    if (!reservation) {
      for (const taken of held) taken.release();
      return undefined;
    }
    held.push(reservation);
  }
  return {
    settle(cost) {
      for (const reservation of held) reservation.settle(cost);
    },
    release() {
      for (const reservation of held) reservation.release();
    },
  };
}
