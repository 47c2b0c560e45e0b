import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { hashToUnit } from '../../util/stable-hash.js';
import type { SimProfile } from './sim-profile.js';

/**
 * The simulator's success probability for one case: a fixed function of the program's name and the case's id,
 * so that every run, shard and machine agrees. The same uniform draws are used for every profile, so a case that
 * is hard for one profile is hard for the others.
 */
export function caseProbability(profile: SimProfile, programName: string, caseId: string): number {
  if (hashToUnit('sim-zero', programName, caseId) < profile.zeroMass) return 0;
  const u = hashToUnit('sim-p', programName, caseId);
  return Math.min(1, Math.max(0, betaQuantile(u, profile.alpha, profile.beta)));
}
