/**
 * A small seeded pseudo-random generator (mulberry32, by Tommy Ettinger): returns a function giving numbers in
 * [0, 1) with 32 bits of resolution. The same seed gives the same stream on every platform and run, which makes
 * bootstrap intervals reproducible. Not for cryptography. Throws a RangeError for a seed that is not an integer.
 */
export function createSeededRandom(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  // Fold the high bits in, so seeds that differ only above bit 32 still give different streams.
  let state = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x9e3779b9);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
