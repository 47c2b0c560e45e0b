/**
 * The `capacity` items of lowest key seen so far, in memory of `capacity` items: a max-heap on the key, so that an
 * item whose key is below the largest kept replaces it. Keys are to be distinct (ties keep the item seen first).
 */
export class BottomK<Item> {
  readonly #keys: number[] = [];
  readonly #items: Item[] = [];

  constructor(readonly capacity: number) {}

  /** Items kept. */
  get size(): number {
    return this.#keys.length;
  }

  /** Offers an item: kept when fewer than `capacity` are, or its key is below the largest kept. */
  offer(key: number, item: Item): void {
    const keys = this.#keys;
    if (keys.length < this.capacity) {
      keys.push(key);
      this.#items.push(item);
      this.#up(keys.length - 1);
    } else if (keys.length > 0 && key < (keys[0] as number)) {
      keys[0] = key;
      this.#items[0] = item;
      this.#down(0);
    }
  }

  /** Whether an item of `key` would be kept now. */
  accepts(key: number): boolean {
    return this.#keys.length < this.capacity || (this.#keys.length > 0 && key < (this.#keys[0] as number));
  }

  /** The kept items, in no particular order. */
  items(): readonly Item[] {
    return this.#items;
  }

  #swap(a: number, b: number): void {
    const keys = this.#keys;
    const items = this.#items;
    [keys[a], keys[b]] = [keys[b] as number, keys[a] as number];
    [items[a], items[b]] = [items[b] as Item, items[a] as Item];
  }

  #up(at: number): void {
    const keys = this.#keys;
    for (let child = at; child > 0; ) {
      const parent = (child - 1) >> 1;
      if ((keys[parent] as number) >= (keys[child] as number)) return;
      this.#swap(parent, child);
      child = parent;
    }
  }

  #down(at: number): void {
    const keys = this.#keys;
    for (let parent = at; ; ) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let largest = parent;
      if (left < keys.length && (keys[left] as number) > (keys[largest] as number)) largest = left;
      if (right < keys.length && (keys[right] as number) > (keys[largest] as number)) largest = right;
      if (largest === parent) return;
      this.#swap(parent, largest);
      parent = largest;
    }
  }
}
