/**
 * A sample's rank for a case's subsample: a 32-bit hash of its index (MurmurHash3's finaliser), so that which
 * samples a subsample holds depends on their indices alone, not on the order they finished in or on how the run
 * was cut into shards and resumes.
 */
export function sampleRank(index: number): number {
  let hash = (index ^ 0x9e3779b9) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
