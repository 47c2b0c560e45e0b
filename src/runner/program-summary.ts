import type { AdaptiveSamplingResult } from '../engine/adaptive/sample-adaptively.js';
import type { ProgramRun } from '../engine/program-run.js';
import type { ComparisonOperator } from '../lang/ast.js';
import type { MetricReference } from '../program/program.js';
import type { CaseCounts, MetricValue } from './metric-value.js';

/** One case's counts and mean score. */
export interface CaseSummary extends CaseCounts {
  /** Samples whose verifier failed or whose interpreter call failed; not counted in `n`. */
  readonly errors: number;
  /** How adaptive sampling ended, for runs that sampled adaptively. */
  readonly adaptive?: AdaptiveSamplingResult;
  /** Mean of the scored samples' scores; null when none was scored. */
  readonly meanScore: number | null;
}

/** An expectation checked against the run. */
export interface ExpectationResult {
  /** As written, such as `pass@10 >= 0.9`. */
  readonly text: string;
  readonly metric: MetricReference;
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  readonly observed: MetricValue;
  readonly met: boolean;
  /** `file:line:col` of the `expect` line. */
  readonly location: string;
}

/** A program's run reduced to what reporters show. */
export interface ProgramSummary {
  readonly file: string;
  readonly programName: string;
  readonly description?: string;
  readonly run: ProgramRun;
  readonly cases: readonly CaseSummary[];
  /** pass@1 and every metric an expectation names, in that order. */
  readonly metrics: readonly { readonly name: string; readonly metric: MetricReference; readonly value: MetricValue }[];
  readonly expectations: readonly ExpectationResult[];
  /** Samples drawn in all, errors included. */
  readonly samples: number;
  readonly errors: number;
  /** How adaptive sampling ended, for runs that sampled adaptively. */
  readonly adaptive?: AdaptiveSamplingResult;
  /**
   * `passed` when every expectation holds; `partial` when the run holds only part of the plan (a shard, or a run
   * that was stopped), so that expectations cannot be judged yet.
   */
  readonly status: 'passed' | 'failed' | 'partial';
}
