import type { NamedCaseCounts } from '../../stats/case-counts.js';
import type { AdaptivePlanRequest } from './adaptive-plan-request.js';
import type { AdaptiveBatchItem, AdaptiveDoneReason } from './adaptive-step.js';
import { addDrawnCounts } from './add-drawn-counts.js';
import { planAdaptiveBatch } from './plan-adaptive-batch.js';
import type { MetricWidth } from './sampling-width.js';

/**
 * Draws one batch: for each item, `more` new samples of the case, continuing its sample indices from its current
 * `n` (in `cases`, the counts before the batch). Returns the new samples' counts per case (only the new ones).
 * It may return fewer than asked (samples that failed or were stopped); the next batch asks again.
 */
export type DrawBatch = (
  batch: readonly AdaptiveBatchItem[],
  cases: readonly NamedCaseCounts[],
) => Promise<readonly NamedCaseCounts[]> | readonly NamedCaseCounts[];

/** How `sampleAdaptively` should run, beyond the plan itself. */
export interface SampleAdaptivelyOptions {
  /** When it aborts, no further batch starts; the result has reason `stopped`. */
  readonly signal?: AbortSignal;
  /** Called after each batch is drawn, with the counts after it: for progress. */
  readonly onBatch?: (batch: readonly AdaptiveBatchItem[], cases: readonly NamedCaseCounts[]) => void;
  /** The dollars a sample of each case has cost so far, read before each batch (see `sampleCosts`). */
  readonly sampleCosts?: () => Readonly<Record<string, number>>;
}

/**
 * Why `sampleAdaptively` ended: the planner's reasons, or `stopped` (the signal aborted) or `stalled` (a batch drew
 * no sample at all, so asking again would loop forever).
 */
export type AdaptiveSamplingEnd = AdaptiveDoneReason | 'stopped' | 'stalled';

/** Where adaptive sampling ended. */
export interface AdaptiveSamplingResult {
  readonly reason: AdaptiveSamplingEnd;
  /** Every case's counts at the end, in the request's order. */
  readonly cases: readonly NamedCaseCounts[];
  /** Each metric's sampling interval at the end; empty if some case never reached k samples. */
  readonly widths: readonly MetricWidth[];
  /** The batches drawn, the initial one included. */
  readonly batches: number;
  /** The samples drawn by this call (those in the request's counts not included). */
  readonly drawn: number;
}

/**
 * The adaptive loop: plan a batch (`planAdaptiveBatch`), draw it, add the counts, and plan again until the planner
 * says done. Deterministic when `drawBatch` is. The engine passes a `drawBatch` that runs the batch's sample
 * indices; benchmarks and tests pass seeded Bernoulli draws.
 */
export async function sampleAdaptively(
  request: AdaptivePlanRequest,
  drawBatch: DrawBatch,
  options: SampleAdaptivelyOptions = {},
): Promise<AdaptiveSamplingResult> {
  let cases: readonly NamedCaseCounts[] = request.cases;
  let batches = 0;
  let drawn = 0;
  for (;;) {
    const sampleCosts = options.sampleCosts?.();
    const step = planAdaptiveBatch({ ...request, cases, ...(sampleCosts ? { sampleCosts } : {}) });
    if (step.kind === 'done') return { reason: step.reason, cases, widths: step.widths, batches, drawn };
    if (options.signal?.aborted) return { reason: 'stopped', cases, widths: step.widths, batches, drawn };
    const added = await drawBatch(step.batch, cases);
    cases = addDrawnCounts(cases, added);
    batches++;
    const count = added.reduce((sum, { n }) => sum + n, 0);
    drawn += count;
    options.onBatch?.(step.batch, cases);
    if (count === 0) return { reason: 'stalled', cases, widths: step.widths, batches, drawn };
  }
}
