import { hashToUint31, mixToUint31 } from '../util/stable-hash.js';

/**
 * The seed base of one case: SHA-256 of the program's hash, the case's id and the run's base seed. Computed once
 * per case.
 */
export function caseSeedBase(programHash: string, caseId: string, baseSeed: number): number {
  return hashToUint31('seed', programHash, caseId, baseSeed);
}

/**
 * The seed of one sample, from the program's hash, the case's id, the sample's index and the run's base seed.
 * Reruns, shards and resumed runs derive the same seeds, so they draw the same samples.
 */
export function deriveSeed(programHash: string, caseId: string, sampleIndex: number, baseSeed: number): number {
  return mixToUint31(caseSeedBase(programHash, caseId, baseSeed), sampleIndex);
}

/**
 * The base seed of a run: the one the run is given (the runner's `--seed`), else the program's own (`seed` in the
 * program, or its default). The engine's one rule for it; every per-sample seed is derived from the result.
 */
export function resolveBaseSeed(programSeed: number, givenSeed: number | undefined): number {
  return givenSeed ?? programSeed;
}
