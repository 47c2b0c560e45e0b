/**
 * A max-priority queue of case positions keyed by gain (a binary heap), for the planner's greedy allocation. Ties
 * go to the earlier position, so the allocation depends only on the request.
 */
export class GainQueue {
  readonly #positions: number[] = [];
  readonly #gains: number[] = [];

  /** The number of entries. */
  get size(): number {
    return this.#positions.length;
  }

  /** Removes every entry. */
  clear(): void {
    this.#positions.length = 0;
    this.#gains.length = 0;
  }

  /** Adds a case position with its gain. */
  push(position: number, gain: number): void {
    this.#positions.push(position);
    this.#gains.push(gain);
    let child = this.#positions.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.#before(child, parent)) break;
      this.#swap(child, parent);
      child = parent;
    }
  }

  /** Removes and returns the position with the largest gain; undefined when empty. */
  pop(): number | undefined {
    const top = this.#positions[0];
    if (top === undefined) return undefined;
    const lastPosition = this.#positions.pop() as number;
    const lastGain = this.#gains.pop() as number;
    if (this.#positions.length > 0) {
      this.#positions[0] = lastPosition;
      this.#gains[0] = lastGain;
      let parent = 0;
      for (;;) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let best = parent;
        if (left < this.#positions.length && this.#before(left, best)) best = left;
        if (right < this.#positions.length && this.#before(right, best)) best = right;
        if (best === parent) break;
        this.#swap(parent, best);
        parent = best;
      }
    }
    return top;
  }

  #before(a: number, b: number): boolean {
    const gainA = this.#gains[a] as number;
    const gainB = this.#gains[b] as number;
    return gainA > gainB || (gainA === gainB && (this.#positions[a] as number) < (this.#positions[b] as number));
  }

  #swap(a: number, b: number): void {
    const position = this.#positions[a] as number;
    this.#positions[a] = this.#positions[b] as number;
    this.#positions[b] = position;
    const gain = this.#gains[a] as number;
    this.#gains[a] = this.#gains[b] as number;
    this.#gains[b] = gain;
  }
}
