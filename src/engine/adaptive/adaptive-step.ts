import type { MetricWidth } from './sampling-width.js';

/** More samples for one case. */
export interface AdaptiveBatchItem {
  /** The case to sample. */
  readonly caseId: string;
  /** How many samples to draw for it, at least 1; its next sample indices are n, n + 1, …, n + more − 1. */
  readonly more: number;
}

/**
 * Why the planner stopped:
 * - `target-reached`: every metric's sampling interval is at most the target width;
 * - `budget-spent`: the run has drawn its whole budget;
 * - `caps-reached`: every case has its maximum number of samples.
 */
export type AdaptiveDoneReason = 'target-reached' | 'budget-spent' | 'caps-reached';

/** The planner's answer: the next batch to draw, or that the run is done and why. */
export type AdaptiveStep =
  | {
      readonly kind: 'sample';
      /**
       * `initial`: bringing every case up to its first samples (at least max k), before any adaptive choice;
       * `adaptive`: samples placed where they shrink the metrics' sampling variance most.
       */
      readonly phase: 'initial' | 'adaptive';
      /** The cases to sample, in the order of the request's cases, each with `more` ≥ 1. */
      readonly batch: readonly AdaptiveBatchItem[];
      /** The sum of `more` over the batch. */
      readonly size: number;
      /**
       * Each metric's sampling interval now, before the batch; empty while some case has fewer than k samples
       * (the metric is then undefined).
       */
      readonly widths: readonly MetricWidth[];
    }
  | {
      readonly kind: 'done';
      readonly reason: AdaptiveDoneReason;
      /** Each metric's sampling interval at the end. */
      readonly widths: readonly MetricWidth[];
    };
