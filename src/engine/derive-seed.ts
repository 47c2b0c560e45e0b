import { hashToUint31 } from '../util/stable-hash.js';

/**
 * The seed of one sample, from the program's hash, the case's id, the sample's index and the run's base seed.
 * Reruns, shards and resumed runs derive the same seeds, so they draw the same samples.
 */
export function deriveSeed(programHash: string, caseId: string, sampleIndex: number, baseSeed: number): number {
  return hashToUint31('seed', programHash, caseId, sampleIndex, baseSeed);
}
