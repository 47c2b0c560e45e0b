import type { CaseTally } from '../../contracts/case-tally.js';
import type { CaseRun } from '../../contracts/program-run.js';
import type { PriceOf } from '../../cost/sample-spend.js';
import { CaseTallyBuilder } from './case-tally-builder.js';

/** How the samples of a run that kept them all are priced when they are tallied. */
export interface TallyPricing {
  readonly priceOf: PriceOf;
  readonly userInterpreter?: string;
}

/**
 * A case's tally: the one the run made as it recorded the samples, or, for a run that kept every sample, one made
 * now from all of them (its subsample then holds every sample).
 */
export function caseTallyOf(caseRun: CaseRun, pricing: TallyPricing): CaseTally {
  if (caseRun.tally) return caseRun.tally;
  const builder = new CaseTallyBuilder({ ...pricing, subsample: caseRun.samples.length, keep: 0 });
  for (const sample of caseRun.samples) builder.add(sample);
  return builder.tally();
}
